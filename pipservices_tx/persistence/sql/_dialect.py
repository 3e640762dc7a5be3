# -*- test-case-name: tests.persistence_sql.test_dialects -*-
"""SqlDialect: what differs between PostgreSQL and MySQL, from quoting to error codes."""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence

from ...errors import ApplicationException, BadRequestException, UnsupportedException
from ._condition import SqlCondition
from ._errors import SqlErrorMeaning
from ._pool import ConnectionProbe
from ._settings import SqlAddress, SqlSettings


class SqlDialect(ConnectionProbe):
    """
    The SQL of one server family. Names given to it are already validated
    (L{check_identifier}, L{split_field}); values only ever travel as
    parameters. C{source} arguments are quoted column expressions holding
    JSON (C{"data"}), C{path} arguments lists of field segments.
    """

    name = "SQL"
    driver_module = ""
    default_port = 0
    json_type = "JSON"
    id_type = "VARCHAR(255)"
    #: INSERT and DELETE can return rows (else a SELECT ... FOR UPDATE goes first).
    has_returning = False
    #: A plain INSERT of a taken id yields no row instead of an error.
    insert_skips_conflicts = False

    def connect_timeout_seconds(self, settings: Any) -> float:
        """How long the driver really waits to connect (some round C{connect_timeout} up)."""
        return float(settings.connect_timeout_ms) / 1000.0

    # -- names ------------------------------------------------------------------

    def quote(self, name: str) -> str:
        raise NotImplementedError

    def table_ref(self, schema: Optional[str], table: str) -> str:
        return f"{self.quote(schema)}.{self.quote(table)}" if schema else self.quote(table)

    # -- connection -------------------------------------------------------------

    def connect_kwargs(self, address: SqlAddress, settings: SqlSettings) -> dict[str, Any]:
        raise NotImplementedError

    def on_connect(self, connection: Any, settings: SqlSettings) -> None:
        """Called on a pool thread with each new driver connection."""

    def setup_session(self, cursor: Any) -> None:
        """Runs once at open, on a pooled connection: learns what the server supports."""

    def is_connection_lost(self, connection: Any, error: BaseException) -> bool:
        """True when C{error} left C{connection} unusable (the server went away)."""
        raise NotImplementedError

    def map_error(self, error: BaseException, correlation_id: Optional[str]) -> ApplicationException:
        """A portable exception for a driver error (see L{SqlErrorMeaning})."""
        if isinstance(error, ApplicationException):
            return error
        return self.explain_error(error).to_exception(self.name, correlation_id, error)

    def explain_error(self, error: BaseException) -> SqlErrorMeaning:
        """What a driver error means: its portable code and the server's words."""
        raise NotImplementedError

    # -- values -----------------------------------------------------------------

    def encode_json(self, value: Any, correlation_id: Optional[str]) -> str:
        try:
            return _ENCODER.encode(value)
        except (TypeError, ValueError) as error:
            raise BadRequestException(correlation_id, "INVALID_ITEM", f"The item is not JSON: {error}").with_cause(
                error
            ) from error

    def decode_json(self, value: Any) -> Any:
        if isinstance(value, (bytes, bytearray)):
            value = value.decode("utf-8")
        return json.loads(value) if isinstance(value, str) else value

    # -- expressions ------------------------------------------------------------

    def json_source(self, column: str, sql_type: str) -> str:
        """The expression to read JSON paths from a column of type C{sql_type}."""
        return column

    def json_equals(self, source: str, path: Sequence[str], value: str) -> SqlCondition:
        raise NotImplementedError

    def json_in(self, source: str, path: Sequence[str], values: Sequence[str]) -> SqlCondition:
        raise NotImplementedError

    def json_is_null(self, source: str, path: Sequence[str]) -> SqlCondition:
        raise NotImplementedError

    def json_order(self, source: str, path: Sequence[str], ascending: bool) -> SqlCondition:
        """ORDER BY terms that rank nulls, booleans, numbers, strings, the rest, as the memory persistence does."""
        raise NotImplementedError

    def json_index_key(self, source: str, path: Sequence[str], descending: bool) -> SqlCondition:
        """An index key on a JSON path, with its parameters (unsupported by default)."""
        raise UnsupportedException(
            None,
            "UNSUPPORTED_INDEX",
            f"{self.name} cannot index a JSON field here; declare a column for it (column-mapped mode)",
        )

    def column_text(self, column: str, is_text: bool) -> str:
        """The column as text, for equality with a filter's string."""
        raise NotImplementedError

    def column_equals(self, column: str, is_text: bool, value: str) -> SqlCondition:
        return f"{self.column_text(column, is_text)} = %s", [value]

    def column_in(self, column: str, is_text: bool, values: Sequence[str]) -> SqlCondition:
        raise NotImplementedError

    def column_order(self, column: str, ascending: bool) -> str:
        raise NotImplementedError

    # -- statements -------------------------------------------------------------

    def create_schema_sql(self, schema: str) -> Optional[str]:
        return None

    def create_table_sql(self, table: str, columns: Sequence[tuple[str, str]], id_column: str) -> str:
        raise NotImplementedError

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
        """
        Creates index C{names[0]} on the table named C{table} unless that
        table has an index of one of C{names} already; C{keys} are SQL key
        expressions with their parameters.
        """
        raise NotImplementedError

    def insert_sql(self, table: str, columns: Sequence[str], id_column: str) -> str:
        names = ", ".join(columns)
        return f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"

    def upsert_sql(self, table: str, columns: Sequence[str], id_column: str) -> str:
        raise NotImplementedError

    def merge_json_sql(self, table: str, data: str, id_column: str) -> Optional[str]:
        """An UPDATE that merges a JSON map (parameter 1) into C{data} of one id (parameter 2), or None."""
        return None

    def is_duplicate_primary_key(self, error: BaseException) -> bool:
        return False


def _json_default(value: Any) -> Any:
    """Dates as ISO text, sets and tuples as lists."""
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


#: One encoder for every statement (json.dumps with options builds one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_json_default)
