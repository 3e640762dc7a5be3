# -*- test-case-name: tests.cache.test_memcached_settings -*-
"""The memcached servers and timeouts a MemcachedCache reads from its config."""

from __future__ import annotations

from typing import Optional

import attrs

from ..config import ConfigParams
from ..errors import ConfigException

DEFAULT_PORT = 11211


def _parse_address(text: str, source: str) -> tuple[str, int]:
    text = text.strip()
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.lstrip(":")
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    else:
        host, port_text = text, ""
    try:
        port = int(port_text) if port_text else DEFAULT_PORT
    except ValueError as e:
        raise ConfigException(
            None, "BAD_MEMCACHED_ADDRESS", f"Memcached address '{text}' in {source} has a bad port"
        ).with_details("address", text) from e
    if not host:
        raise ConfigException(
            None, "BAD_MEMCACHED_ADDRESS", f"Memcached address '{text}' in {source} has no host"
        ).with_details("address", text)
    return host, port


def parse_memcached_uri(uri: str) -> list[tuple[str, int]]:
    """C{memcached://h1:p1,h2:p2} (the scheme is optional) as a list of addresses."""
    text = uri.strip()
    if "://" in text:
        scheme, _, text = text.partition("://")
        if scheme != "memcached":
            raise ConfigException(
                None, "BAD_MEMCACHED_URI", f"Memcached URI '{uri}' must start with memcached://"
            ).with_details("uri", uri)
    text = text.split("/", 1)[0]
    return [_parse_address(part, uri) for part in text.split(",") if part.strip()]


def _section_servers(section: ConfigParams, source: str) -> list[tuple[str, int]]:
    uri: Optional[str] = section.get_as_nullable_string("uri")
    if uri:
        return parse_memcached_uri(uri)
    host = section.get_as_nullable_string("host")
    if not host:
        return []
    return [(host, section.get_as_checked_integer("port", DEFAULT_PORT, minimum=1, maximum=65535))]


@attrs.frozen
class MemcachedSettings:
    """
    Servers from C{connection.*} and C{connections.<n>.*} (C{host}/C{port} or
    C{uri}, which may list several); C{options.connect_timeout} and
    C{options.timeout_ms} (ms) bound connecting and each call;
    C{options.retry_delay} (ms, doubling up to C{options.max_retry_delay}) is
    how long a dead server is skipped before it is tried again.
    """

    servers: tuple[tuple[str, int], ...] = (("localhost", DEFAULT_PORT),)
    connect_timeout_ms: int = 5000
    timeout_ms: int = 5000
    retry_delay_ms: int = 1000
    max_retry_delay_ms: int = 30000

    @classmethod
    def from_config(cls, config: ConfigParams) -> MemcachedSettings:
        defaults = cls()
        servers = _section_servers(config.get_section("connection"), "connection")
        connections = config.get_section("connections")
        indexes = sorted({name for name in connections.get_section_names() if name.isdigit()}, key=int)
        for index in indexes:
            servers.extend(_section_servers(connections.get_section(index), f"connections.{index}"))
        unique = tuple(dict.fromkeys(servers)) or defaults.servers

        def positive(key: str, default: int) -> int:
            return config.get_as_checked_integer(key, default, minimum=1)

        return cls(
            servers=unique,
            connect_timeout_ms=positive("options.connect_timeout", defaults.connect_timeout_ms),
            timeout_ms=positive("options.timeout_ms", defaults.timeout_ms),
            retry_delay_ms=positive("options.retry_delay", defaults.retry_delay_ms),
            max_retry_delay_ms=positive("options.max_retry_delay", defaults.max_retry_delay_ms),
        )
