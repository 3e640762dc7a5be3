"""A twisted.web resource that answers like a commandable service (docs/protocol.rst, sections 4 and 5)."""

from __future__ import annotations

import json
from typing import Any, Optional

from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Request

from pipservices_tx.errors import ErrorDescription, error_from_description


class FakeService(Resource):
    """
    Serves C{/<any route>/<command>}; every request is kept in C{requests}
    as C{(method, path, correlation_id, body)}, its query in C{queries}. Commands:

      - C{echo}: 200 with the JSON body received
      - C{nothing}: 204
      - C{fail}: the error described by the body (category, code, ...) with its status
      - C{not_json}: 200 with a text body
      - C{non_finite}: 200 with JSON holding C{1e400} and C{NaN}, as a lax server may send
      - C{html_error}: 500 with an HTML page
      - C{hang}: never answers (the request is kept in C{pending})
      - C{partial}: sends the headers and part of the body, then stalls (kept in C{pending})
      - C{unavailable}: 503 (text) while C{unavailable_left} > 0, then like C{echo}
    """

    isLeaf = True

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[tuple[str, str, Optional[str], Any]] = []
        self.pending: list[Request] = []
        self.queries: list[dict[str, list[str]]] = []
        self.unavailable_left = 0

    def render(self, request: Request) -> Any:
        method = request.method.decode("ascii")
        path = request.path.decode("utf-8")
        raw = request.content.read() if request.content is not None else b""
        body = json.loads(raw) if raw else None
        ids = request.args.get(b"correlation_id")
        correlation_id = ids[0].decode("utf-8") if ids else None
        self.requests.append((method, path, correlation_id, body))
        self.queries.append({k.decode(): [v.decode() for v in vs] for k, vs in request.args.items()})
        command = path.rstrip("/").rsplit("/", 1)[-1]
        if command == "unavailable":
            if self.unavailable_left > 0:
                self.unavailable_left -= 1
                request.setResponseCode(503)
                return b"Service Unavailable"
            command = "echo"
        if command == "echo":
            return self._json(request, 200, {"method": method, "args": body, "correlation_id": correlation_id})
        if command == "nothing":
            request.setResponseCode(204)
            return b""
        if command == "fail":
            description = ErrorDescription.from_error(error_from_description(ErrorDescription.from_json(body)))
            return self._json(request, description.status, description.to_json())
        if command == "not_json":
            request.setHeader(b"content-type", b"text/plain")
            return b"plain text, not JSON"
        if command == "non_finite":
            request.setHeader(b"content-type", b"application/json")
            return b'{"radius": 1e400, "angle": NaN}'
        if command == "html_error":
            request.setResponseCode(500)
            request.setHeader(b"content-type", b"text/html")
            return b"<html><body><h1>Internal Server Error</h1></body></html>"
        if command == "partial":
            request.setResponseCode(200)
            request.setHeader(b"content-type", b"application/json")
            request.setHeader(b"content-length", b"100")
            request.write(b'{"started": ')
            self.pending.append(request)
            return NOT_DONE_YET
        if command == "hang":
            self.pending.append(request)
            return NOT_DONE_YET
        request.setResponseCode(404)
        return b"no such command"

    @staticmethod
    def _json(request: Request, status: int, value: Any) -> bytes:
        request.setResponseCode(status)
        request.setHeader(b"content-type", b"application/json")
        return json.dumps(value).encode("utf-8")
