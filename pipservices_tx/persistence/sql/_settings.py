# -*- test-case-name: tests.persistence_sql.test_settings -*-
"""Where a SQL persistence connects, how it names its table and how big and patient its pool is."""

from __future__ import annotations

from typing import Optional

import attrs

from ...config import ConfigParams
from ...discovery import ConnectionParams, CredentialParams, parse_uri
from ._names import check_identifier


@attrs.frozen
class SqlSettings:
    """
    The C{options.*} and naming keys of a SQL persistence's config:
      - C{table} (or C{collection}), C{schema} (PostgreSQL; the database on MySQL);
      - C{options.auto_create} (default true): create the schema, table and
        indexes at open when they are missing;
      - C{options.min_pool_size} (1) and C{options.max_pool_size} (10): the
        connections (and threads) of the pool;
      - C{options.connect_timeout} (ms, default 5000): bounds each connection
        attempt (PostgreSQL counts whole seconds, at least 2);
      - C{options.timeout} (ms, default 0 = none): bounds each statement
        (PostgreSQL C{statement_timeout}; MySQL read/write timeouts);
      - C{options.max_page_size} (100): the largest page.
    """

    table: Optional[str] = None
    schema: Optional[str] = None
    auto_create: bool = True
    min_pool_size: int = 1
    max_pool_size: int = 10
    connect_timeout_ms: int = 5000
    timeout_ms: int = 0
    max_page_size: int = 100

    @classmethod
    def from_config(cls, config: ConfigParams, defaults: Optional[SqlSettings] = None) -> SqlSettings:
        base = defaults or cls()
        table = config.get_as_nullable_string("table") or config.get_as_nullable_string("collection") or base.table
        schema = config.get_as_nullable_string("schema") or base.schema
        max_pool = max(1, config.get_as_integer_with_default("options.max_pool_size", base.max_pool_size))
        min_pool = max(
            0, min(max_pool, config.get_as_integer_with_default("options.min_pool_size", base.min_pool_size))
        )
        return cls(
            table=check_identifier(table, "table") if table else None,
            schema=check_identifier(schema, "schema") if schema else None,
            auto_create=config.get_as_boolean_with_default("options.auto_create", base.auto_create),
            min_pool_size=min_pool,
            max_pool_size=max_pool,
            connect_timeout_ms=max(
                1, config.get_as_integer_with_default("options.connect_timeout", base.connect_timeout_ms)
            ),
            timeout_ms=max(0, config.get_as_integer_with_default("options.timeout", base.timeout_ms)),
            max_page_size=max(1, config.get_as_integer_with_default("options.max_page_size", base.max_page_size)),
        )


@attrs.frozen(repr=False)
class SqlAddress:
    """A resolved server address and the login to use there (the password is kept out of C{repr})."""

    host: str = "localhost"
    port: Optional[int] = None
    database: Optional[str] = None
    username: Optional[str] = None
    password: Optional[str] = None

    def __repr__(self) -> str:
        return f"SqlAddress({self.host}:{self.port}/{self.database or ''}, user={self.username!r})"

    @property
    def location(self) -> str:
        return f"{self.host}:{self.port}/{self.database or ''}"

    @classmethod
    def from_params(
        cls, connection: Optional[ConnectionParams], credential: Optional[CredentialParams], default_port: int
    ) -> SqlAddress:
        """
        From C{connection.uri} (C{postgres://user:pass@host:port/db}) or
        C{connection.host}, C{port}, C{database}; C{credential.username} and
        C{password} override the URI's login.
        """
        params = ConnectionParams(connection or {})
        if params.uri:
            params = ConnectionParams(params.override(parse_uri(params.uri)))
        username = params.get_as_nullable_string("username") or params.get_as_nullable_string("user")
        password = params.get_as_nullable_string("password") or params.get_as_nullable_string("pass")
        if credential is not None:
            username = credential.username or username
            password = credential.password or password
        return cls(
            host=params.host or "localhost",
            port=params.get_port_with_default(default_port),
            database=params.get_as_nullable_string("database") or params.get_as_nullable_string("path") or None,
            username=username or None,
            password=password or None,
        )
