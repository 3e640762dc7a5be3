# -*- test-case-name: tests.persistence_sql.test_dialects -*-
"""PostgresDialect: PostgreSQL through psycopg2, documents in a JSONB column."""

from __future__ import annotations

from typing import Any, Optional, Sequence

from ._condition import SqlCondition
from ._dialect import SqlDialect
from ._errors import SqlErrorMeaning
from ._settings import SqlAddress, SqlSettings

_NUL_MESSAGE = "PostgreSQL cannot store the NUL character (\\x00) in text"
#: program_limit_exceeded: a value too large for an index (an id of thousands of characters...).
_TOO_LARGE_TO_INDEX = "54000"
_RANK = (
    "CASE COALESCE(jsonb_typeof({e}), 'null') WHEN 'null' THEN 0 WHEN 'boolean' THEN 1"
    " WHEN 'number' THEN 2 WHEN 'string' THEN 3 ELSE 4 END"
)


def _server_words(error: BaseException) -> str:
    """
    The server's message and its detail, never C{pgerror}: that one quotes
    the statement (C{LINE 1: INSERT ...}) with the values in it.
    """
    diag = getattr(error, "diag", None)
    primary = getattr(diag, "message_primary", None)
    if not primary:
        return str(error) or type(error).__name__
    detail = getattr(diag, "message_detail", None)
    return f"{primary} ({detail})" if detail else str(primary)


class PostgresDialect(SqlDialect):
    name = "PostgreSQL"
    driver_module = "psycopg2"
    default_port = 5432
    json_type = "JSONB"
    id_type = "TEXT"
    has_returning = True
    insert_skips_conflicts = True

    def quote(self, name: str) -> str:
        return '"' + name + '"'

    # -- connection -------------------------------------------------------------

    def connect_timeout_seconds(self, settings: Any) -> float:
        return float(max(2, -(-settings.connect_timeout_ms // 1000)))  # libpq: whole seconds, at least 2

    def connect_kwargs(self, address: SqlAddress, settings: SqlSettings) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "host": address.host,
            "port": address.port,
            "connect_timeout": int(self.connect_timeout_seconds(settings)),
            "application_name": "pipservices_tx",
        }
        if address.database:
            kwargs["dbname"] = address.database
        if address.username:
            kwargs["user"] = address.username
        if address.password:
            kwargs["password"] = address.password
        if settings.timeout_ms:
            kwargs["options"] = f"-c statement_timeout={int(settings.timeout_ms)}"
        return kwargs

    def socket_fd(self, connection: Any) -> Optional[int]:
        return None if connection.closed else int(connection.fileno())

    def ping(self, connection: Any) -> None:
        cursor = connection.cursor()
        try:
            cursor.execute("SELECT 1")
            cursor.fetchall()
        finally:
            cursor.close()
        connection.rollback()

    def is_connection_lost(self, connection: Any, error: BaseException) -> bool:
        import psycopg2

        return isinstance(error, (psycopg2.OperationalError, psycopg2.InterfaceError)) and bool(
            getattr(connection, "closed", 0)
        )

    def explain_error(self, error: BaseException) -> SqlErrorMeaning:
        import psycopg2

        if isinstance(error, ValueError) and "NUL (0x00)" in str(error):
            return SqlErrorMeaning("INVALID_CHARACTER", _NUL_MESSAGE)
        code = getattr(error, "pgcode", None) or ""
        message, detail = _server_words(error), (("sqlstate", code) if code else None)
        if code == "22P05":
            return SqlErrorMeaning("INVALID_CHARACTER", f"{_NUL_MESSAGE}: {message}", detail)
        if code == "57014":
            return SqlErrorMeaning("TIMEOUT", message, detail)
        if (
            code.startswith("08")
            or code in ("57P01", "57P02", "57P03")
            or (not code and isinstance(error, (psycopg2.OperationalError, psycopg2.InterfaceError)))
        ):
            return SqlErrorMeaning("CONNECTION_LOST", message, detail)
        if code == "23505":
            return SqlErrorMeaning("DUPLICATE_KEY", message, detail)
        if code.startswith(("22", "23")) or code == _TOO_LARGE_TO_INDEX:
            return SqlErrorMeaning("BAD_DATA", message, detail)
        return SqlErrorMeaning("SQL_ERROR", message, detail)

    # -- expressions ------------------------------------------------------------

    @staticmethod
    def _text(source: str, path: Sequence[str]) -> SqlCondition:
        if len(path) == 1:
            return f"({source} ->> %s)", [path[0]]
        return f"({source} #>> %s)", [list(path)]

    @staticmethod
    def _json(source: str, path: Sequence[str]) -> SqlCondition:
        if len(path) == 1:
            return f"({source} -> %s)", [path[0]]
        return f"({source} #> %s)", [list(path)]

    def json_equals(self, source: str, path: Sequence[str], value: str) -> SqlCondition:
        sql, params = self._text(source, path)
        return f"{sql} = %s", [*params, value]

    def json_in(self, source: str, path: Sequence[str], values: Sequence[str]) -> SqlCondition:
        sql, params = self._text(source, path)
        return f"{sql} = ANY(%s::text[])", [*params, list(values)]

    def json_is_null(self, source: str, path: Sequence[str]) -> SqlCondition:
        sql, params = self._text(source, path)
        return f"{sql} IS NULL", params

    def json_order(self, source: str, path: Sequence[str], ascending: bool) -> SqlCondition:
        expression, params = self._json(source, path)
        direction = "ASC" if ascending else "DESC"
        return f"{_RANK.format(e=expression)} {direction}, {expression} {direction}", params * 2

    def json_source(self, column: str, sql_type: str) -> str:
        return column if "JSONB" in sql_type.upper() else f"({column})::jsonb"

    def json_index_key(self, source: str, path: Sequence[str], descending: bool) -> SqlCondition:
        sql, params = self._text(source, path)
        return f"({sql}){' DESC' if descending else ''}", params

    def column_text(self, column: str, is_text: bool) -> str:
        return column if is_text else f"CAST({column} AS TEXT)"

    def column_in(self, column: str, is_text: bool, values: Sequence[str]) -> SqlCondition:
        return f"{self.column_text(column, is_text)} = ANY(%s::text[])", [list(values)]

    def column_order(self, column: str, ascending: bool) -> str:
        return f"{column} ASC NULLS FIRST" if ascending else f"{column} DESC NULLS LAST"

    # -- statements -------------------------------------------------------------

    def create_schema_sql(self, schema: str) -> Optional[str]:
        return f"CREATE SCHEMA IF NOT EXISTS {self.quote(schema)}"

    def create_table_sql(self, table: str, columns: Sequence[tuple[str, str]], id_column: str) -> str:
        body = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
        return f"CREATE TABLE IF NOT EXISTS {table} ({body}, PRIMARY KEY ({id_column}))"

    def ensure_index(
        self,
        cursor: Any,
        execute: Any,
        schema: Optional[str],
        table: str,
        names: Sequence[str],
        keys: Sequence[tuple[str, list[Any]]],
        unique: bool,
    ) -> None:
        execute(
            cursor,
            "SELECT 1 FROM pg_indexes WHERE schemaname = COALESCE(%s, current_schema())"
            " AND tablename = %s AND indexname = ANY(%s)",
            [schema, table, list(names)],
        )
        if cursor.fetchall():
            return
        params: list[Any] = []
        for _, values in keys:
            params.extend(values)
        body = ", ".join(sql for sql, _ in keys)
        kind = "UNIQUE INDEX" if unique else "INDEX"
        execute(
            cursor,
            f"CREATE {kind} IF NOT EXISTS {self.quote(names[0])} ON {self.table_ref(schema, table)} ({body})",
            params,
        )

    def insert_sql(self, table: str, columns: Sequence[str], id_column: str) -> str:
        return super().insert_sql(table, columns, id_column) + f" ON CONFLICT ({id_column}) DO NOTHING"

    def upsert_sql(self, table: str, columns: Sequence[str], id_column: str) -> str:
        updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in columns if name != id_column)
        action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        return SqlDialect.insert_sql(self, table, columns, id_column) + f" ON CONFLICT ({id_column}) {action}"

    def merge_json_sql(self, table: str, data: str, id_column: str) -> Optional[str]:
        return f"UPDATE {table} SET {data} = {data} || %s::jsonb WHERE {id_column} = %s RETURNING {data}"
