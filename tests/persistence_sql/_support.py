"""Servers, unique table names and persistence builders shared by the SQL tests."""

from __future__ import annotations

import itertools
import os
from typing import Any, Optional

from twisted.internet.defer import ensureDeferred

from pipservices_tx.config import ConfigParams
from pipservices_tx.persistence.sql import (
    IdentifiableMySqlPersistence,
    IdentifiablePostgresPersistence,
    IdentifiableSqlPersistence,
)
from tests.support import require_server

HOST = "127.0.0.1"
POSTGRES_PORT = int(os.environ.get("POSTGRES_PORT", "5432"))
MYSQL_PORT = int(os.environ.get("MYSQL_PORT", "3306"))
_numbers = itertools.count()

#: The conformance kit's fields as columns, plus C{tags} (a list) for its copy test.
KIT_COLUMNS = [
    ("id", "VARCHAR(64)"),
    ("key", "TEXT"),
    ("content", "TEXT"),
    ("count", "INTEGER"),
    ("group", "VARCHAR(64)"),
    ("tags", "JSON"),
]


def unique_table(prefix: str) -> str:
    """A table name no other test run uses at the same time."""
    return f"t_{prefix}_{os.getpid()}_{next(_numbers)}"


class Recording:
    """Mixed into a persistence: keeps every statement and its parameters, as given to the driver."""

    statements: list[tuple[str, Any]]

    def _execute(self, cursor: Any, sql: str, params: Any) -> None:
        self.__dict__.setdefault("statements", []).append((sql, params))
        super()._execute(cursor, sql, params)  # type: ignore[misc]


class RecordingPostgres(Recording, IdentifiablePostgresPersistence):
    pass


class RecordingMySql(Recording, IdentifiableMySqlPersistence):
    pass


def postgres_config(table: str, **extra: Any) -> ConfigParams:
    values = {
        "connection.host": HOST,
        "connection.port": POSTGRES_PORT,
        "connection.database": "test",
        "credential.username": "postgres",
        "table": table,
        "options.connect_timeout": 3000,
    }
    values.update(extra)
    return ConfigParams({key: str(value) for key, value in values.items()})


def mysql_config(table: str, **extra: Any) -> ConfigParams:
    values = {
        "connection.host": HOST,
        "connection.port": MYSQL_PORT,
        "connection.database": "test",
        "credential.username": "root",
        "table": table,
        "options.connect_timeout": 3000,
    }
    values.update(extra)
    return ConfigParams({key: str(value) for key, value in values.items()})


def require_postgres() -> None:
    require_server(HOST, POSTGRES_PORT, "PostgreSQL")


def require_mysql() -> None:
    require_server(HOST, MYSQL_PORT, "MariaDB/MySQL")


def drop_table(backend: str, table: str, schema: Optional[str] = None) -> None:
    """Drops a test table synchronously, with a connection of its own."""
    if backend == "postgres":
        import psycopg2

        connection = psycopg2.connect(host=HOST, port=POSTGRES_PORT, user="postgres", dbname="test", connect_timeout=3)
        name = f'"{schema}"."{table}"' if schema else f'"{table}"'
        statements = [f"DROP TABLE IF EXISTS {name}"] + (
            [f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'] if schema else []
        )
    else:
        import pymysql

        connection = pymysql.connect(
            host=HOST, port=MYSQL_PORT, user="root", password="", database="test", connect_timeout=3
        )
        statements = [f"DROP TABLE IF EXISTS `{table}`"]
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        connection.commit()
    finally:
        connection.close()


def opened(persistence: IdentifiableSqlPersistence, config: ConfigParams, clear: bool = True) -> Any:
    """A Deferred of the persistence, configured, opened and (by default) emptied."""

    async def run() -> IdentifiableSqlPersistence:
        persistence.configure(config)
        await persistence.open(None)
        if clear:
            await persistence.clear(None)
        return persistence

    return ensureDeferred(run())
