# -*- test-case-name: tests.testing.test_stub_client -*-
"""call_command, get_json, post_json: JSON calls through StubTreq, with no socket.

C{treq.testing.StubTreq} serves a request straight from a twisted.web
resource in memory; when the handlers finish synchronously (in-memory
persistence, fakes), the response Deferred has already fired when the call
returns, so a C{SynchronousTestCase} reads it with C{successResultOf}::

    http = StubTreq(service.resource())   # one service, or an endpoint's dispatcher
    status, beacon = self.successResultOf(
        call_command(http, "v1/beacons", "create_beacon", {"beacon": {...}}, correlation_id="c-1"))

A handler that waits on a clock answers once the clock is advanced and
C{http.flush()} is called (L{ContainerHarness.advance} does both).
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple, Optional
from urllib.parse import urlencode

import treq
from twisted.internet.defer import Deferred, ensureDeferred

BASE_URL = "http://localhost"
"""Any absolute URL works with StubTreq; this one reads well in failures."""


class JsonResponse(NamedTuple):
    """C{(status, body)}: the HTTP status and the parsed JSON body (None when empty)."""

    status: int
    body: Any


def url_of(path: str, correlation_id: Optional[str] = None) -> str:
    """C{path} on L{BASE_URL}, with C{?correlation_id=} when one is given."""
    url = BASE_URL + "/" + path.lstrip("/")
    if correlation_id is not None:
        url += ("&" if "?" in url else "?") + urlencode({"correlation_id": correlation_id})
    return url


async def _read(response: Any, method: str, url: str) -> JsonResponse:
    content = await treq.content(response)
    if not content.strip():
        return JsonResponse(response.code, None)
    try:
        return JsonResponse(response.code, json.loads(content))
    except ValueError:
        content_type = response.headers.getRawHeaders(b"content-type", [b"?"])[0].decode("latin-1")
        raise AssertionError(
            f"{method} {url} answered {response.code} with a body that is not JSON "
            f"({content_type}): {content[:200]!r}"
        ) from None


def request_json(
    http: Any, method: str, path: str, body: Any = None, correlation_id: Optional[str] = None
) -> Deferred[JsonResponse]:
    """
    Sends C{body} (when not None) as JSON and parses the JSON answer. A body
    that is not JSON fails the Deferred with an C{AssertionError}.
    """
    url = url_of(path, correlation_id)
    kwargs: dict[str, Any] = {}
    if body is not None:
        kwargs["data"] = json.dumps(body).encode("utf-8")
        kwargs["headers"] = {b"content-type": [b"application/json"]}

    async def call() -> JsonResponse:
        response = await http.request(method, url, **kwargs)
        return await _read(response, method, url)

    return ensureDeferred(call())


def call_command(
    http: Any, base_route: str, name: str, params: Optional[dict[str, Any]] = None,
    correlation_id: Optional[str] = None,
) -> Deferred[JsonResponse]:
    """C{POST /<base_route>/<name>} with the arguments C{params} (C{{}} when None): a commandable call."""
    path = "/".join(part.strip("/") for part in (base_route, name) if part.strip("/"))
    return request_json(http, "POST", path, params if params is not None else {}, correlation_id)


def get_json(http: Any, path: str, correlation_id: Optional[str] = None) -> Deferred[JsonResponse]:
    """C{GET path}, e.g. C{/status} or C{/heartbeat}."""
    return request_json(http, "GET", path, None, correlation_id)


def post_json(http: Any, path: str, body: Any, correlation_id: Optional[str] = None) -> Deferred[JsonResponse]:
    """C{POST path} with C{body} as JSON."""
    return request_json(http, "POST", path, body, correlation_id)
