# -*- test-case-name: tests.clients.test_rest_client_config -*-
"""The URLs of a RestClient: its base URL from config, and each call's route and query."""

from __future__ import annotations

import re
from typing import Any, Mapping, Optional
from urllib.parse import quote, urlencode

from ..discovery import ConnectionParams, compose_uri
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


_NEXT_URL = re.compile(r",\s*(?=[A-Za-z][A-Za-z0-9+.\-]*://)")


def urls_of_connection(correlation_id: Optional[str], connection: Optional[ConnectionParams]) -> list[str]:
    """
    The base URLs of a connection, C{http(s)://host[:port][/path]} each, from
    C{uri} or C{protocol}, C{host} and C{port}. Several instances may be given
    at once: comma-separated URLs (C{http://a:1,http://b:2}), the multi-host
    form (C{http://a:1,b:2/path}), or comma-separated C{host} and C{port}.
    """
    if connection is None:
        raise ConfigException(correlation_id, "NO_CONNECTION", "Connection is not configured")
    if connection.uri:
        text = connection.uri
    else:
        text = _url_of_parts(correlation_id, connection)
    urls: list[str] = []
    for item in _NEXT_URL.split(text.strip()):
        url = item.strip().rstrip("/")
        scheme, _, rest = url.partition("://")
        scheme = scheme.lower()
        if scheme not in ("http", "https"):
            raise ConfigException(
                correlation_id, "WRONG_PROTOCOL", f"Protocol is not supported by REST connection: {scheme}"
            ).with_details("protocol", scheme)
        authority, slash, path = rest.partition("/")
        servers = authority.rpartition("@")[2]
        if "," not in servers:
            urls.append(url)
            continue
        suffix = f"/{path}" if path else ""
        urls.extend(f"{scheme}://{server.strip()}{suffix}" for server in servers.split(",") if server.strip())
    if not urls:
        raise ConfigException(correlation_id, "NO_HOST", "Connection host is not set")
    return urls


def _url_of_parts(correlation_id: Optional[str], connection: ConnectionParams) -> str:
    scheme = connection.get_protocol_with_default("http").lower()
    host = connection.host
    if not host or not host.strip(" ,"):
        raise ConfigException(correlation_id, "NO_HOST", "Connection host is not set")
    if "," in host:
        return compose_uri({"host": host, "port": connection.get_as_nullable_string("port")}, scheme)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    port = connection.port
    return f"{scheme}://{host}" if port is None or port <= 0 else f"{scheme}://{host}:{port}"


def url_of_connection(correlation_id: Optional[str], connection: Optional[ConnectionParams]) -> str:
    """The first of L{urls_of_connection}."""
    return urls_of_connection(correlation_id, connection)[0]
