# -*- test-case-name: tests.cache.test_redis_settings -*-
"""Where a Redis component connects and how patient it is, read from its config."""

from __future__ import annotations

from typing import Optional
from urllib.parse import unquote, urlsplit

import attrs

from ..config import ConfigParams
from ..errors import ConfigException


@attrs.frozen
class RedisSettings:
    """
    From C{connection.uri} (C{redis://[[user]:password@]host:port/db}) or
    C{connection.host}/C{connection.port}; C{credential.username}/C{password}
    override the URI's; C{options.db}, C{options.pool_size},
    C{options.connect_timeout} and C{options.timeout_ms} (ms bounding open and
    every call), C{options.reconnect_delay}/C{options.max_reconnect_delay} (ms
    back-off while the server is away).
    """

    host: str = "localhost"
    port: int = 6379
    db: int = 0
    username: Optional[str] = None
    password: Optional[str] = None
    pool_size: int = 3
    connect_timeout_ms: int = 5000
    timeout_ms: int = 5000
    reconnect_delay_ms: int = 1000
    max_reconnect_delay_ms: int = 10000

    @classmethod
    def from_config(cls, config: ConfigParams) -> RedisSettings:
        defaults = cls()
        host, port, db = defaults.host, defaults.port, 0
        username: Optional[str] = None
        password: Optional[str] = None
        uri = config.get_as_nullable_string("connection.uri")
        if uri:
            parts = urlsplit(uri)
            if parts.scheme not in ("redis", "") or not parts.hostname:
                raise ConfigException(
                    None, "BAD_REDIS_URI", f"Redis URI '{uri}' is not redis://[:password@]host:port/db"
                ).with_details("uri", uri)
            try:
                port = parts.port or port
                path = parts.path.strip("/")
                db = int(path) if path else db
            except ValueError as e:
                raise ConfigException(None, "BAD_REDIS_URI", f"Redis URI '{uri}': {e}").with_details("uri", uri) from e
            host = parts.hostname
            username = unquote(parts.username) if parts.username else None
            password = unquote(parts.password) if parts.password else None
        else:
            host = config.get_as_string_with_default("connection.host", host)
            port = config.get_as_checked_integer("connection.port", port, minimum=1, maximum=65535)
        return cls(
            host=host,
            port=port,
            db=config.get_as_checked_integer("options.db", db, minimum=0),
            username=config.get_as_nullable_string("credential.username") or username,
            password=config.get_as_nullable_string("credential.password") or password,
            pool_size=config.get_as_checked_integer("options.pool_size", defaults.pool_size, minimum=1),
            connect_timeout_ms=_positive(config, "options.connect_timeout", defaults.connect_timeout_ms),
            timeout_ms=_positive(config, "options.timeout_ms", defaults.timeout_ms),
            reconnect_delay_ms=_positive(config, "options.reconnect_delay", defaults.reconnect_delay_ms),
            max_reconnect_delay_ms=_positive(config, "options.max_reconnect_delay", defaults.max_reconnect_delay_ms),
        )

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def _positive(config: ConfigParams, key: str, default: int) -> int:
    return config.get_as_checked_integer(key, default, minimum=1)
