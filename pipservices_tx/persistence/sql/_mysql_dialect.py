# -*- test-case-name: tests.persistence_sql.test_dialects -*-
"""MySqlDialect: MySQL and MariaDB through pymysql, documents in a JSON column."""

from __future__ import annotations

from typing import Any, Optional, Sequence

from ._condition import FALSE, SqlCondition
from ._dialect import SqlDialect
from ._errors import SqlErrorMeaning
from ._settings import SqlAddress, SqlSettings

#: Collations that compare strings exactly (binary, trailing spaces count), best first.
EXACT_COLLATIONS = ("utf8mb4_0900_bin", "utf8mb4_nopad_bin")
_NUMBER_TYPES = "('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL')"
_RANK = (
    "CASE COALESCE(JSON_TYPE({e}), 'NULL') WHEN 'NULL' THEN 0 WHEN 'BOOLEAN' THEN 1"
    " WHEN 'INTEGER' THEN 2 WHEN 'UNSIGNED INTEGER' THEN 2 WHEN 'DOUBLE' THEN 2 WHEN 'DECIMAL' THEN 2"
    " WHEN 'STRING' THEN 3 ELSE 4 END"
)
_LOST_ERRNOS = frozenset((2006, 2013, 2055))


def _timed_out(error: BaseException) -> bool:
    """pymysql reports a read or write timeout as a lost connection caused by a socket timeout."""
    return isinstance(error.__cause__ or error.__context__, TimeoutError) or "timed out" in str(error)


def json_path(path: Sequence[str]) -> str:
    """C{["center", "type"]} as C{$."center"."type"} (segments are validated identifiers)."""
    return "$" + "".join(f'."{segment}"' for segment in path)


class MySqlDialect(SqlDialect):
    """
    Strings are compared with an exact collation (C{utf8mb4_0900_bin} on MySQL
    8, C{utf8mb4_nopad_bin} on MariaDB, learnt at open; C{utf8mb4_bin}, which
    ignores trailing spaces, otherwise), so C{"ab"} never matches C{"AB"} or
    C{"ab "}. Tables are created with it as their default collation.
    """

    name = "MySQL"
    driver_module = "pymysql"
    default_port = 3306
    json_type = "JSON"
    id_type = "VARCHAR(255)"
    has_returning = False
    insert_skips_conflicts = False

    def __init__(self) -> None:
        self.collation = "utf8mb4_bin"

    def quote(self, name: str) -> str:
        return "`" + name + "`"

    # -- connection -------------------------------------------------------------

    def connect_kwargs(self, address: SqlAddress, settings: SqlSettings) -> dict[str, Any]:
        from pymysql.constants import CLIENT

        kwargs: dict[str, Any] = {
            "host": address.host,
            "port": address.port,
            "charset": "utf8mb4",
            "autocommit": False,
            "client_flag": CLIENT.FOUND_ROWS,
            "connect_timeout": settings.connect_timeout_ms / 1000.0,
        }
        if address.database:
            kwargs["database"] = address.database
        if address.username:
            kwargs["user"] = address.username
        if address.password:
            kwargs["password"] = address.password
        # pymysql bounds only the TCP connect with connect_timeout; the handshake
        # reads use read_timeout, so it is the connect timeout until L{on_connect}.
        kwargs["read_timeout"] = kwargs["write_timeout"] = settings.connect_timeout_ms / 1000.0
        return kwargs

    def on_connect(self, connection: Any, settings: SqlSettings) -> None:
        timeout = settings.timeout_ms / 1000.0 if settings.timeout_ms else None
        connection._read_timeout = connection._write_timeout = connection._current_timeout = timeout
        connection._sock.settimeout(timeout)

    def setup_session(self, cursor: Any) -> None:
        placeholders = ", ".join(["%s"] * len(EXACT_COLLATIONS))
        cursor.execute(
            f"SELECT COLLATION_NAME FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN ({placeholders})",
            list(EXACT_COLLATIONS),
        )
        found = {row[0] for row in cursor.fetchall()}
        self.collation = next((name for name in EXACT_COLLATIONS if name in found), "utf8mb4_bin")

    def socket_fd(self, connection: Any) -> Optional[int]:
        sock = getattr(connection, "_sock", None)  # pymysql keeps no public handle on it
        return None if sock is None else int(sock.fileno())

    def ping(self, connection: Any) -> None:
        connection.ping(reconnect=False)

    def is_connection_lost(self, connection: Any, error: BaseException) -> bool:
        import pymysql

        if isinstance(error, pymysql.err.InterfaceError):
            return True
        if _timed_out(error):
            return False  # the statement took too long: running it again would not help
        errno = error.args[0] if error.args and isinstance(error.args[0], int) else 0
        return isinstance(error, pymysql.err.OperationalError) and (
            errno in _LOST_ERRNOS or not getattr(connection, "open", True)
        )

    def explain_error(self, error: BaseException) -> SqlErrorMeaning:
        import pymysql

        errno = error.args[0] if error.args and isinstance(error.args[0], int) else 0
        message = str(error.args[1]) if len(error.args) > 1 else (str(error) or type(error).__name__)
        detail = ("errno", errno) if errno else None
        if _timed_out(error):
            return SqlErrorMeaning("TIMEOUT", message, detail)
        if isinstance(error, pymysql.err.InterfaceError) or 2000 <= errno < 3000:
            return SqlErrorMeaning("CONNECTION_LOST", message, detail)
        if errno == 1062:
            return SqlErrorMeaning("DUPLICATE_KEY", message, detail)
        if isinstance(error, (pymysql.err.IntegrityError, pymysql.err.DataError)) or errno in (3140, 4025):
            return SqlErrorMeaning("BAD_DATA", message, detail)
        return SqlErrorMeaning("SQL_ERROR", message, detail)

    def is_duplicate_primary_key(self, error: BaseException) -> bool:
        return bool(error.args) and error.args[0] == 1062 and "PRIMARY" in str(error.args[-1])

    # -- expressions ------------------------------------------------------------

    def _extract(self, source: str, path: Sequence[str]) -> tuple[str, str]:
        return f"JSON_EXTRACT({source}, %s)", json_path(path)

    def json_equals(self, source: str, path: Sequence[str], value: str) -> SqlCondition:
        e, p = self._extract(source, path)
        return (
            f"JSON_UNQUOTE({e}) = %s COLLATE {self.collation} AND JSON_TYPE({e}) <> 'NULL'",
            [p, value, p],
        )

    def json_in(self, source: str, path: Sequence[str], values: Sequence[str]) -> SqlCondition:
        if not values:
            return FALSE
        e, p = self._extract(source, path)
        marks = ", ".join(["%s"] * len(values))
        return (
            f"JSON_UNQUOTE({e}) COLLATE {self.collation} IN ({marks}) AND JSON_TYPE({e}) <> 'NULL'",
            [p, *values, p],
        )

    def json_is_null(self, source: str, path: Sequence[str]) -> SqlCondition:
        e, p = self._extract(source, path)
        return f"COALESCE(JSON_TYPE({e}), 'NULL') = 'NULL'", [p]

    def json_order(self, source: str, path: Sequence[str], ascending: bool) -> SqlCondition:
        e, p = self._extract(source, path)
        d = "ASC" if ascending else "DESC"
        number = f"CASE WHEN JSON_TYPE({e}) IN {_NUMBER_TYPES} THEN JSON_UNQUOTE({e}) + 0e0 END"
        text = f"JSON_UNQUOTE({e}) COLLATE {self.collation}"
        return f"{_RANK.format(e=e)} {d}, {number} {d}, {text} {d}", [p, p, p, p]

    def column_text(self, column: str, is_text: bool) -> str:
        return column if is_text else f"CAST({column} AS CHAR) COLLATE {self.collation}"

    def column_in(self, column: str, is_text: bool, values: Sequence[str]) -> SqlCondition:
        if not values:
            return FALSE
        return f"{self.column_text(column, is_text)} IN ({', '.join(['%s'] * len(values))})", list(values)

    def column_order(self, column: str, ascending: bool) -> str:
        return f"{column} ASC" if ascending else f"{column} DESC"

    # -- statements -------------------------------------------------------------

    def create_table_sql(self, table: str, columns: Sequence[tuple[str, str]], id_column: str) -> str:
        body = ", ".join(f"{name} {sql_type}" for name, sql_type in columns)
        return (
            f"CREATE TABLE IF NOT EXISTS {table} ({body}, PRIMARY KEY ({id_column}))"
            f" DEFAULT CHARSET=utf8mb4 COLLATE={self.collation}"
        )

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
        marks = ", ".join(["%s"] * len(names))
        execute(
            cursor,
            "SELECT 1 FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(%s, DATABASE())"
            f" AND TABLE_NAME = %s AND INDEX_NAME IN ({marks})",
            [schema, table, *names],
        )
        if cursor.fetchall():
            return
        params: list[Any] = []
        for _, values in keys:
            params.extend(values)
        body = ", ".join(sql for sql, _ in keys)
        kind = "UNIQUE INDEX" if unique else "INDEX"
        table_ref = self.table_ref(schema, table)
        execute(cursor, f"CREATE {kind} {self.quote(names[0])} ON {table_ref} ({body})", params or None)

    def upsert_sql(self, table: str, columns: Sequence[str], id_column: str) -> str:
        updates = ", ".join(f"{name} = VALUES({name})" for name in columns if name != id_column)
        updates = updates or f"{id_column} = {id_column}"
        return self.insert_sql(table, columns, id_column) + f" ON DUPLICATE KEY UPDATE {updates}"
