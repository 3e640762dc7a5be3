# -*- test-case-name: tests.services.test_dispatcher -*-
"""The resource behind an endpoint: exact routes by dict lookup, patterns through Klein."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET

from ..errors import ApplicationException, BadRequestException, NotFoundException
from ._http_request import get_correlation_id
from ._http_response import write_error

if TYPE_CHECKING:
    from klein import Klein
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
    hot path); routes with C{<params>} live in Klein apps. Unknown routes and
    methods answer JSON 404/405, never HTML.
    """

    isLeaf = True

    def __init__(self, cors: Optional[CorsPolicy] = None, debug: bool = False) -> None:
        super().__init__()
        self.cors = cors or CorsPolicy()
        self.debug = debug
        self.max_request_size = 1 << 20
        self._exact: dict[tuple[bytes, str], RouteHandler] = {}
        self._methods: dict[str, set[bytes]] = {}
        self._apps: list[tuple[Klein, KleinResource]] = []
        self._owners: dict[object, list[tuple[bytes, str]]] = {}

    def add_route(self, method: str, path: str, handler: RouteHandler, owner: object = None) -> None:
        key = (method.upper().encode("ascii"), normalize_path(path))
        self._exact[key] = handler
        self._methods.setdefault(key[1], set()).add(key[0])
        self._owners.setdefault(owner, []).append(key)

    def add_app(self, app: Klein) -> None:
        from klein.resource import KleinResource  # only services with patterned routes need Klein

        if all(existing is not app for existing, _ in self._apps):
            self._apps.append((app, KleinResource(app)))

    def remove_owner(self, owner: object, app: Optional[Klein] = None) -> None:
        """Forgets the routes a service added (it is closing)."""
        for key in self._owners.pop(owner, []):
            self._exact.pop(key, None)
            methods = self._methods.get(key[1])
            if methods is not None:
                methods.discard(key[0])
                if not methods:
                    del self._methods[key[1]]
        if app is not None:
            self._apps = [(a, r) for a, r in self._apps if a is not app]

    def render(self, request: Any) -> Any:
        self.cors.apply(request)
        if getattr(request, "body_too_large", False):
            correlation_id = get_correlation_id(request)
            write_error(request, RequestTooLargeException(correlation_id, self.max_request_size), correlation_id)
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
        return self._render_pattern(request, method, path)

    def _render_pattern(self, request: Any, method: bytes, path: str) -> Any:
        allowed: set[bytes] = set(self._methods.get(path, ()))
        if self._apps:
            from werkzeug.exceptions import MethodNotAllowed, NotFound
            from werkzeug.routing import RequestRedirect
        text_method = method.decode("ascii", "replace")
        for app, resource in self._apps:
            adapter = app.url_map.bind("localhost", path_info=path, default_method=text_method)
            try:
                adapter.match()
            except RequestRedirect:
                continue  # a JSON API does not redirect "/x/" to "/x": it is not a route
            except MethodNotAllowed as e:
                allowed.update(m.encode("ascii") for m in (e.valid_methods or ()))
                continue
            except NotFound:
                continue
            return resource.render(request)
        if method == b"OPTIONS" and allowed:
            self.cors.preflight(request, allowed)
            request.setResponseCode(204)
            request.setHeader(b"content-length", b"0")
            return b""
        correlation_id = get_correlation_id(request)
        if allowed:
            error: ApplicationException = MethodNotAllowedException(
                correlation_id, text_method, path, (m.decode("ascii") for m in allowed)
            )
            request.setHeader(b"allow", b", ".join(sorted(allowed)))
        else:
            error = NotFoundException(correlation_id, "ROUTE_NOT_FOUND", f"No route {text_method} {path}")
        write_error(request, error, correlation_id, debug=self.debug)
        return NOT_DONE_YET
