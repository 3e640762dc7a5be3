# -*- test-case-name: tests.persistence_mongodb.test_settings -*-
"""Where a MongoDB persistence connects and how patient it is, read from its config."""

from __future__ import annotations

from typing import Optional

import attrs

from ...config import ConfigParams, mask_credentials
from ...discovery import ConnectionParams, CredentialParams, compose_uri, parse_uri
from ...errors import ConfigException
from .._memory_persistence import DEFAULT_MAX_PAGE_SIZE

DEFAULT_PORT = 27017


def _positive(config: ConfigParams, key: str, default: int) -> int:
    value = config.get_as_integer_with_default(key, default)
    return value if value > 0 else default


@attrs.frozen
class MongoDbOptions:
    """
    The C{options.*} of a MongoDB persistence, all times in milliseconds:
      - C{max_pool_size}: connections kept open (default 2);
      - C{connect_timeout}: bounds TCP connect, the server handshake and
        C{open} (default 5000);
      - C{request_timeout}: bounds every call, including the wait for a
        connection while the server is away (default 10000);
      - C{max_reconnect_delay}: the longest pause between reconnect attempts
        (default 10000; the first attempt after a loss is immediate);
      - C{max_page_size}: the largest page a query returns (default 100).
    """

    max_pool_size: int = 2
    connect_timeout_ms: int = 5000
    request_timeout_ms: int = 10000
    max_reconnect_delay_ms: int = 10000
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE

    @classmethod
    def from_config(cls, config: ConfigParams) -> MongoDbOptions:
        d = cls()
        return cls(
            max_pool_size=_positive(config, "options.max_pool_size", d.max_pool_size),
            connect_timeout_ms=_positive(config, "options.connect_timeout", d.connect_timeout_ms),
            request_timeout_ms=_positive(config, "options.request_timeout", d.request_timeout_ms),
            max_reconnect_delay_ms=_positive(config, "options.max_reconnect_delay", d.max_reconnect_delay_ms),
            max_page_size=_positive(config, "options.max_page_size", d.max_page_size),
        )


@attrs.frozen
class MongoDbAddress:
    """A resolved connection: the URI txmongo gets (credentials included) and the database."""

    uri: str
    database: str

    @property
    def masked_uri(self) -> str:
        """The URI with its password hidden, for messages and logs."""
        return str(mask_credentials(self.uri))


def resolve_address(connection: ConnectionParams, credential: Optional[CredentialParams] = None) -> MongoDbAddress:
    """
    Composes C{mongodb://user:pass@host:port/database?options} from
    C{connection.uri} (or C{host}/C{port}, default port 27017), with
    C{connection.database} overriding the URI's path and C{credential.username}
    / C{password} overriding its user info. A database is required: txmongo
    authenticates against it (or C{authSource}).
    """
    if connection.uri:
        params = parse_uri(connection.uri, "mongodb", DEFAULT_PORT)
    elif connection.host:
        params = ConnectionParams({k: v for k, v in connection.items() if v is not None})
    else:
        raise ConfigException(None, "NO_CONNECTION", "MongoDB connection needs connection.uri or connection.host")
    if not params.protocol:
        params.protocol = "mongodb"
    database = connection.get_as_nullable_string("database") or params.get_as_nullable_string("database")
    if not database:
        raise ConfigException(
            None, "NO_DATABASE", "MongoDB connection needs a database (connection.database or the URI's path)"
        )
    params["database"] = database
    params.pop("path", None)
    if credential is not None:
        if credential.username:
            params["username"] = credential.username
        if credential.password:
            params["password"] = credential.password
    for key in ("user", "pass", "discovery_key", "uri"):
        params.pop(key, None)
    return MongoDbAddress(compose_uri(params, "mongodb", DEFAULT_PORT), database)
