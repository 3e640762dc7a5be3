# -*- test-case-name: tests.persistence_sql.test_postgres -*-
"""PostgresPersistence and IdentifiablePostgresPersistence: the SQL persistences on PostgreSQL."""

from __future__ import annotations

from ._identifiable_sql_persistence import IdentifiableSqlPersistence
from ._postgres_dialect import PostgresDialect
from ._sql_persistence import SqlPersistence


class PostgresPersistence(SqlPersistence):
    """
    Items in a PostgreSQL table (psycopg2 on adbapi threads): JSONB documents
    in C{(id TEXT, data JSONB)} rows, or declared columns. Connects with
    C{connection.uri} (C{postgres://user:pass@host:5432/db}) or
    C{connection.host}/C{port}/C{database}, C{credential.username}/C{password};
    C{table} and C{schema} name the table.
    """

    _dialect_class = PostgresDialect


class IdentifiablePostgresPersistence(IdentifiableSqlPersistence):
    """L{PostgresPersistence} with reads and writes by id: the one to subclass for your data."""

    _dialect_class = PostgresDialect
