# -*- test-case-name: tests.services.test_dispatcher -*-
"""The resource behind an endpoint: exact routes by dict lookup, patterns through Klein."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional
from urllib.parse import unquote_to_bytes

from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET

from ..errors import ApplicationException, BadRequestException, NotFoundException
from ._http_request import get_correlation_id
from ._http_response import write_error

if TYPE_CHECKING:
    from klein.resource import KleinResource

RouteHandler = Callable[[Any], Any]


class MethodNotAllowedException(BadRequestException):
    """A known route called with a method it does not take (HTTP 405)."""

    default_code = "METHOD_NOT_ALLOWED"

    def __init__(self, correlation_id: Optional[str], method: str, path: str, allowed: Iterable[str]) -> None:
        super().__init__(correlation_id, "METHOD_NOT_ALLOWED", f"Method {method} is not allowed on {path}")
        self.status = 405
        self.with_details("allowed", sorted(allowed))


class RequestTooLargeException(BadRequestException):
    """A body over C{options.max_request_size} (HTTP 413)."""

    default_code = "REQUEST_TOO_LARGE"

    def __init__(self, correlation_id: Optional[str], limit: int) -> None:
        super().__init__(correlation_id, "REQUEST_TOO_LARGE", f"The request body is larger than {limit} bytes")
        self.status = 413
        self.with_details("max_request_size", limit)


def normalize_path(path: str) -> str:
    """C{v1/beacons/} and C{/v1//beacons} both become C{/v1/beacons}."""
    if path.startswith("/") and "//" not in path and (len(path) == 1 or not path.endswith("/")):
        return path
    parts = [part for part in path.split("/") if part]
    return "/" + "/".join(parts)


class CorsPolicy:
    """Which origins may call, and the headers a preflight answers with."""

    def __init__(self, enabled: bool = True, origins: Iterable[str] = ("*",),
                 headers: str = "Content-Type, Authorization, correlation_id", max_age: int = 3600) -> None:
        self.enabled = enabled
        self.origins = {origin.strip() for origin in origins if origin.strip()}
        self.headers = headers.encode("ascii")
        self.max_age = b"%d" % max_age

    def apply(self, request: Any) -> None:
        if not self.enabled:
            return
        origin = request.getHeader(b"origin")
        if origin is None:
            return  # not a browser's cross-origin call: nothing to say
        if "*" in self.origins:
            request.setHeader(b"access-control-allow-origin", b"*")
        elif origin is not None and origin.decode("latin-1") in self.origins:
            request.setHeader(b"access-control-allow-origin", origin)
            request.setHeader(b"vary", b"Origin")

    def preflight(self, request: Any, allowed: Iterable[bytes]) -> None:
        self.apply(request)
        if self.enabled:
            request.setHeader(b"access-control-allow-methods", b", ".join(sorted(set(allowed) | {b"OPTIONS"})))
            request.setHeader(b"access-control-allow-headers", self.headers)
            request.setHeader(b"access-control-max-age", self.max_age)


class HttpDispatcher(Resource):
    """
    Routes without parameters are found by one dict lookup (the commandable
    hot path); routes with C{<params>} are matched once, by one Klein app
    holding the patterned routes of every service on this dispatcher.
    Unknown routes and methods answer JSON 404/405, never HTML.
    """

    isLeaf = True

    def __init__(self, cors: Optional[CorsPolicy] = None, debug: bool = False) -> None:
        super().__init__()
        self.cors = cors or CorsPolicy()
        self.debug = debug
        self.max_request_size = 1 << 20
        self._exact: dict[tuple[bytes, str], RouteHandler] = {}
        # The same routes by the raw path as a request carries it, when that is already normal.
        self._exact_raw: dict[tuple[bytes, bytes], RouteHandler] = {}
        self._methods: dict[str, set[bytes]] = {}
        self._owners: dict[object, list[tuple[bytes, str]]] = {}
        self._patterns: dict[object, list[tuple[str, str, RouteHandler]]] = {}
        self._pattern_resource: Optional[KleinResource] = None

    def add_route(self, method: str, path: str, handler: RouteHandler, owner: object = None) -> None:
        """C{handler(request)} answers C{method path}; C{<name>} parts make it a patterned route."""
        path = normalize_path(path)
        if "<" in path:
            self._patterns.setdefault(owner, []).append((method.upper(), path, handler))
            self._pattern_resource = None  # rebuilt with the new route on first use
            return
        key = (method.upper().encode("ascii"), path)
        self._exact[key] = handler
        self._exact_raw[(key[0], path.encode("utf-8"))] = handler
        self._methods.setdefault(key[1], set()).add(key[0])
        self._owners.setdefault(owner, []).append(key)

    def remove_owner(self, owner: object) -> None:
        """Forgets the routes a service added (it is closing)."""
        for key in self._owners.pop(owner, []):
            self._exact.pop(key, None)
            self._exact_raw.pop((key[0], key[1].encode("utf-8")), None)
            methods = self._methods.get(key[1])
            if methods is not None:
                methods.discard(key[0])
                if not methods:
                    del self._methods[key[1]]
        if self._patterns.pop(owner, None) is not None:
            self._pattern_resource = None

    def render(self, request: Any) -> Any:
        self.cors.apply(request)
        if getattr(request, "body_too_large", False):
            correlation_id = get_correlation_id(request)
            write_error(request, RequestTooLargeException(correlation_id, self.max_request_size), correlation_id)
            return NOT_DONE_YET
        handler = self._exact_raw.get((request.method, request.path))
        if handler is not None:  # a normal path of an exact route: no decoding, no normalizing
            handler(request)
            return NOT_DONE_YET
        try:
            path = normalize_path(request.path.decode("utf-8"))
        except UnicodeDecodeError:
            correlation_id = get_correlation_id(request)
            write_error(request, BadRequestException(correlation_id, "BAD_PATH", "The path is not UTF-8"), correlation_id)
            return NOT_DONE_YET
        method = request.method
        handler = self._exact.get((method, path))
        if handler is None and method == b"HEAD":
            handler = self._exact.get((b"GET", path))
        if handler is not None:
            handler(request)
            return NOT_DONE_YET
        if self._patterns:
            try:
                unquote_to_bytes(path).decode("utf-8")
            except UnicodeDecodeError:
                correlation_id = get_correlation_id(request)
                error = BadRequestException(correlation_id, "BAD_PATH", "The path is not UTF-8")
                write_error(request, error, correlation_id)
                return NOT_DONE_YET
            return self._patterned().render(request)
        return self.no_route(request, path, set())

    def _patterned(self) -> KleinResource:
        if self._pattern_resource is None:
            from klein import Klein  # only services with patterned routes need Klein
            from klein.resource import KleinResource
            from werkzeug.exceptions import HTTPException

            app = Klein()
            for routes in self._patterns.values():
                for method, path, handler in routes:
                    app.route(path, methods=[method], endpoint=f"{method} {path}")(handler)
            app.handle_errors(HTTPException)(self._routing_error)
            self._pattern_resource = KleinResource(app)
        return self._pattern_resource

    def _routing_error(self, request: Any, failure: Any) -> Any:
        """Klein found no patterned route: a JSON 404/405 (or a CORS preflight answer)."""
        error = failure.value
        allowed = {m.encode("ascii") for m in (getattr(error, "valid_methods", None) or ())}
        try:
            path = normalize_path(request.path.decode("utf-8"))
        except UnicodeDecodeError:
            path = "/"
        return self.no_route(request, path, allowed)

    def no_route(self, request: Any, path: str, allowed: set[bytes]) -> Any:
        """Answers a request that matched no route: preflight, 405 with C{Allow}, or 404."""
        allowed = allowed | self._methods.get(path, set())
        method = request.method
        if method == b"OPTIONS" and allowed:
            self.cors.preflight(request, allowed)
            request.setResponseCode(204)
            request.setHeader(b"content-length", b"0")
            return b""
        correlation_id = get_correlation_id(request)
        text_method = method.decode("ascii", "replace")
        if allowed:
            error: ApplicationException = MethodNotAllowedException(
                correlation_id, text_method, path, (m.decode("ascii") for m in allowed)
            )
            request.setHeader(b"allow", b", ".join(sorted(allowed)))
        else:
            error = NotFoundException(correlation_id, "ROUTE_NOT_FOUND", f"No route {text_method} {path}")
        write_error(request, error, correlation_id, debug=self.debug)
        return NOT_DONE_YET
