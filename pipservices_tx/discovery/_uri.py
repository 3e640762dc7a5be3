# -*- test-case-name: tests.discovery.test_uri -*-
"""Connection URIs to ConnectionParams and back, multi-host and credentials included."""

from __future__ import annotations

from typing import Any, Mapping, Optional
from urllib.parse import parse_qsl, quote, unquote, urlencode

from ..config import mask_credentials
from ..errors import ConfigException
from ._connection_params import ConnectionParams

#: Keys that are parts of the URI; every other key is a query option.
URI_PART_KEYS = frozenset(
    ("protocol", "host", "ip", "port", "servers", "uri", "discovery_key",
     "username", "user", "password", "pass", "path", "database")
)


def _split_host(server: str, default_port: Optional[int], uri: str) -> tuple[str, Optional[int]]:
    if server.startswith("["):
        host, _, rest = server[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port_text = server.partition(":")
    if not port_text:
        return unquote(host), default_port
    if not port_text.isdigit():
        raise ConfigException(None, "BAD_URI", f"Invalid port '{port_text}' in URI").with_details("uri", mask_uri(uri))
    return unquote(host), int(port_text)


def parse_uri(uri: str, default_protocol: Optional[str] = None, default_port: Optional[int] = None) -> ConnectionParams:
    """
    C{mongodb://user:pass@h1:1,h2:2/db?x=y} gives C{protocol}, C{host} and
    C{port} (the first server), C{servers} (C{h1:1,h2:2}, only with several),
    C{username}, C{password} (percent-decoded), C{path} and C{database} (the
    path without its slash) and one key a query option. A value without
    C{scheme://} is taken as C{host:port} with C{default_protocol}.
    """
    text = (uri or "").strip()
    if not text:
        raise ConfigException(None, "BAD_URI", "The connection URI is empty")
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = default_protocol or "", text
    result = ConnectionParams()
    if scheme:
        result["protocol"] = scheme
    rest, _, _fragment = rest.partition("#")
    rest, _, query = rest.partition("?")
    authority, slash, path = rest.partition("/")
    userinfo, at, hosts = authority.rpartition("@")
    if at:
        username, colon, password = userinfo.partition(":")
        if username:
            result["username"] = unquote(username)
        if colon:
            result["password"] = unquote(password)
    servers = [_split_host(s, default_port, text) for s in hosts.split(",") if s]
    if not servers:
        raise ConfigException(None, "BAD_URI", "The connection URI has no host").with_details("uri", mask_uri(text))
    result["host"] = servers[0][0]
    if servers[0][1] is not None:
        result.port = servers[0][1]
    if len(servers) > 1:
        result["servers"] = ",".join(_join_host(h, p) for h, p in servers)
    if slash and path:
        result["path"] = unquote(path)
        if "/" not in path:
            result["database"] = unquote(path)
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key not in URI_PART_KEYS:
            result[key] = value
    return result


def _join_host(host: str, port: Optional[int]) -> str:
    host_text = f"[{host}]" if ":" in host else quote(host, safe="")
    return host_text if port is None else f"{host_text}:{port}"


def _servers_of(params: ConnectionParams, default_port: Optional[int]) -> str:
    """
    C{h1:1,h2:2} from C{host: "h1,h2"} and C{port: "1,2"}: the N-th port goes
    with the N-th host; a missing or empty one is C{default_port} (or none).
    """
    hosts = [h.strip() for h in (params.host or "").split(",")]
    if not any(hosts):
        raise ConfigException(None, "NO_HOST", "Cannot compose a URI without a host")
    ports = [p.strip() for p in (params.get_as_nullable_string("port") or "").split(",")]
    servers = []
    for index, host in enumerate(hosts):
        if not host:
            continue
        text = ports[index] if index < len(ports) else ""
        if text and not text.isdigit():
            raise ConfigException(None, "BAD_PORT", f"Invalid port '{text}' for host '{host}'").with_details(
                "port", text
            )
        servers.append(_join_host(host, int(text) if text else default_port))
    return ",".join(servers)


def compose_uri(
    options: Mapping[str, Any], default_protocol: Optional[str] = None, default_port: Optional[int] = None
) -> str:
    """
    The inverse of L{parse_uri}: C{protocol://user:pass@servers/path?options}
    from a connection (and credential) map; keys that are not URI parts
    become query options. The servers are C{servers}, else C{host} and
    C{port}, each of which may be a comma-separated list (the multi-host form
    C{host: "h1,h2"}, C{port: "1,2"} gives C{h1:1,h2:2}).
    """
    params = ConnectionParams(options)
    protocol = params.protocol or default_protocol
    if not protocol:
        raise ConfigException(None, "NO_PROTOCOL", "Cannot compose a URI without a protocol")
    servers = params.get_as_nullable_string("servers") or _servers_of(params, default_port)
    userinfo = ""
    username = params.get_as_nullable_string("username") or params.get_as_nullable_string("user")
    password = params.get_as_nullable_string("password") or params.get_as_nullable_string("pass")
    if username or password:
        userinfo = quote(username or "", safe="")
        if password is not None:
            userinfo += ":" + quote(password, safe="")
        userinfo += "@"
    path = params.get_as_nullable_string("path") or params.get_as_nullable_string("database")
    text = f"{protocol}://{userinfo}{servers}"
    if path:
        text += "/" + quote(path, safe="/")
    query = [(k, v) for k, v in params.items() if k not in URI_PART_KEYS and v is not None]
    if query:
        text += "?" + urlencode(query)
    return text


def mask_uri(uri: str) -> str:
    """The URI with the password of its user info replaced by C{***}."""
    return str(mask_credentials(uri))
