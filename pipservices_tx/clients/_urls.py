# -*- test-case-name: tests.clients.test_rest_client_config -*-
"""The URLs of a RestClient: its base URL from config, and each call's route and query."""

from __future__ import annotations

from typing import Any, Mapping, Optional
from urllib.parse import quote, urlencode

from ..discovery import ConnectionParams
from ..errors import ConfigException
from ._json import to_json_bytes

_PATH_SAFE = "/:@!$&()*+,;=-._~"


def join_route(*parts: Optional[str]) -> str:
    """C{"v1/beacons"} from C{"/v1/", "beacons/"}: the non-empty parts, slashes trimmed."""
    return "/".join(p.strip("/") for p in parts if p and p.strip("/"))


def call_url(
    base_url: str, path: str, correlation_id: Optional[str], params: Optional[Mapping[str, Any]]
) -> str:
    """C{base_url/path?correlation_id=...&params}; None params are left out."""
    url = f"{base_url}/{quote(path, safe=_PATH_SAFE)}"
    query = [] if correlation_id is None else [("correlation_id", correlation_id)]
    if params:
        query.extend((k, _query_value(v)) for k, v in params.items() if v is not None)
    return f"{url}?{urlencode(query)}" if query else url


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list, tuple)):
        return to_json_bytes(value).decode("utf-8")
    return str(value)


def url_of_endpoint(endpoint: str) -> str:
    """
    The nominal base URL of an endpoint string, for the Host header and the
    pool key: its C{host} (named or first positional, else localhost).
    """
    kind, _, rest = endpoint.partition(":")
    kind = kind.strip().lower()
    named: dict[str, str] = {}
    positional: list[str] = []
    for part in rest.split(":"):
        key, sep, value = part.partition("=")
        if sep:
            named[key] = value
        elif part:
            positional.append(part)
    host = named.get("host") or (positional[0] if positional and kind in ("tcp", "tls", "ssl") else "localhost")
    return f"https://{host}" if kind in ("ssl", "tls") else f"http://{host}"


def url_of_connection(correlation_id: Optional[str], connection: Optional[ConnectionParams]) -> str:
    """C{http(s)://host[:port][/path]} from C{uri} or C{protocol}, C{host} and C{port}."""
    if connection is None:
        raise ConfigException(correlation_id, "NO_CONNECTION", "Connection is not configured")
    if connection.uri:
        url = connection.uri.rstrip("/")
        scheme = url.partition("://")[0].lower()
    else:
        scheme = connection.get_protocol_with_default("http").lower()
        host = connection.host
        if not host:
            raise ConfigException(correlation_id, "NO_HOST", "Connection host is not set")
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        port = connection.port
        url = f"{scheme}://{host}" if port is None or port <= 0 else f"{scheme}://{host}:{port}"
    if scheme not in ("http", "https"):
        raise ConfigException(
            correlation_id, "WRONG_PROTOCOL", f"Protocol is not supported by REST connection: {scheme}"
        ).with_details("protocol", scheme)
    return url
