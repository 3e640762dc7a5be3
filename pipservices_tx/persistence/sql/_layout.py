# -*- test-case-name: tests.persistence_sql.test_layout -*-
"""How items map to rows: one JSON document per row, or one column per field."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, Sequence

import attrs

from ...data import ProjectionParams
from ...errors import BadRequestException, UnsupportedException
from ...portability import StringConverter
from .._copying import copy_value
from ._columns import SqlColumn
from ._dialect import SqlDialect

ID_FIELD = "id"

#: Turns one fetched row into an item.
RowDecoder = Callable[[Sequence[Any]], dict[str, Any]]


@attrs.frozen
class FieldTarget:
    """
    Where a field lives: a C{column} (its quoted name; C{is_text} when it is a
    text column), a C{json} path inside a JSON column (C{sql} is that column),
    or C{missing} (no such column: the field is always null).
    """

    kind: str
    sql: str = ""
    path: tuple[str, ...] = ()
    is_text: bool = True


MISSING = FieldTarget("missing")


class DocumentLayout:
    """
    Rows of C{(id, data)}: the whole item is JSON in C{data} (id included),
    and the id, as text, is the primary key. Works for any JSON map.
    """

    mode = "document"

    def __init__(self, dialect: SqlDialect, id_column: str = ID_FIELD, data_column: str = "data") -> None:
        self.dialect = dialect
        self.id_sql = dialect.quote(id_column)
        self.data_sql = dialect.quote(data_column)
        self.column_sqls = [self.id_sql, self.data_sql]

    def create_columns(self) -> list[tuple[str, str]]:
        return [
            (self.id_sql, f"{self.dialect.id_type} NOT NULL"),
            (self.data_sql, f"{self.dialect.json_type} NOT NULL"),
        ]

    def id_param(self, id: Any) -> Any:
        return id if isinstance(id, str) else StringConverter.to_string(id)

    def check_keys(self, item: Mapping[str, Any], correlation_id: Optional[str]) -> None:
        """Any key goes in a document."""

    def normalize(self, item: Mapping[str, Any]) -> dict[str, Any]:
        """The item as a read would return it (a deep copy)."""
        return copy_value(item if type(item) is dict else dict(item))  # type: ignore[no-any-return]

    def encode(self, item: Mapping[str, Any], correlation_id: Optional[str]) -> list[Any]:
        """The row's values, in the order of C{column_sqls}."""
        return [self.id_param(item[ID_FIELD]), self.dialect.encode_json(item, correlation_id)]

    def select_sqls(self, projection: ProjectionParams) -> list[str]:
        return [self.data_sql]

    def decode(self, row: Sequence[Any], columns: Sequence[str], projection: ProjectionParams) -> dict[str, Any]:
        return self.row_decoder(columns, projection)(row)

    def row_decoder(self, columns: Sequence[str], projection: ProjectionParams) -> RowDecoder:
        """The decoder of rows selected as C{columns}: made once per statement, run per row."""
        decode_json = self.dialect.decode_json
        if not projection:
            return lambda row: decode_json(row[0])  # type: ignore[no-any-return]
        select_from = projection.select_from
        return lambda row: select_from(decode_json(row[0]))

    def target(self, path: Sequence[str]) -> FieldTarget:
        if len(path) == 1 and path[0] == ID_FIELD:
            return FieldTarget("column", self.id_sql)
        return FieldTarget("json", self.data_sql, tuple(path))

    def merge(self, item: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        merged = dict(item)
        merged.update((key, copy_value(value)) for key, value in data.items() if key != ID_FIELD)
        return merged


class ColumnLayout:
    """
    One column per top-level field, as the subclass declares them (C{id}
    first, added as the dialect's id type when not declared). An item with a
    key that has no column is a BadRequestException (C{UNKNOWN_FIELD}), never
    silently dropped; a column without a value is stored as NULL and read
    back as None.
    """

    mode = "columns"

    def __init__(self, dialect: SqlDialect, columns: Sequence[SqlColumn]) -> None:
        self.dialect = dialect
        if not any(column.name == ID_FIELD for column in columns):
            columns = [SqlColumn(ID_FIELD, dialect.id_type), *columns]
        self.columns = list(columns)
        self.by_name = {column.name: column for column in self.columns}
        self.id_column = self.by_name[ID_FIELD]
        self.id_sql = dialect.quote(ID_FIELD)
        self.column_sqls = [dialect.quote(column.name) for column in self.columns]
        self._quoted = dict(zip([c.name for c in self.columns], self.column_sqls, strict=True))

    def create_columns(self) -> list[tuple[str, str]]:
        return [(self._quoted[c.name], c.sql_type + (" NOT NULL" if c.name == ID_FIELD else "")) for c in self.columns]

    def id_param(self, id: Any) -> Any:
        return id

    def check_keys(self, item: Mapping[str, Any], correlation_id: Optional[str]) -> None:
        unknown = [key for key in item if key not in self.by_name]
        if unknown:
            raise BadRequestException(
                correlation_id, "UNKNOWN_FIELD", f"No column for the fields {sorted(map(str, unknown))}"
            ).with_details("fields", sorted(map(str, unknown)))

    def normalize(self, item: Mapping[str, Any]) -> dict[str, Any]:
        return {column.name: copy_value(item.get(column.name)) for column in self.columns}

    def encode_value(self, column: SqlColumn, value: Any, correlation_id: Optional[str]) -> Any:
        if value is None or not column.is_json:
            return value
        return self.dialect.encode_json(value, correlation_id)

    def encode(self, item: Mapping[str, Any], correlation_id: Optional[str]) -> list[Any]:
        self.check_keys(item, correlation_id)
        return [self.encode_value(column, item.get(column.name), correlation_id) for column in self.columns]

    def quoted(self, name: str) -> str:
        return self._quoted[name]

    def select_sqls(self, projection: ProjectionParams) -> list[str]:
        if not projection:
            return self.column_sqls
        wanted = {path.split(".", 1)[0] for path in projection}
        return [self._quoted[c.name] for c in self.columns if c.name in wanted] or [self.id_sql]

    def decode(self, row: Sequence[Any], columns: Sequence[str], projection: ProjectionParams) -> dict[str, Any]:
        return self.row_decoder(columns, projection)(row)

    def row_decoder(self, columns: Sequence[str], projection: ProjectionParams) -> RowDecoder:
        """The decoder of rows selected as C{columns}: names and JSON columns found once, not per row."""
        decode_json = self.dialect.decode_json
        fields = [(column.name, column.is_json) for column in self._names_of(columns)]
        select_from = projection.select_from if projection else None

        def decode(row: Sequence[Any]) -> dict[str, Any]:
            item = {
                name: decode_json(value) if is_json and value is not None else value
                for (name, is_json), value in zip(fields, row, strict=True)
            }
            return select_from(item) if select_from is not None else item

        return decode

    def _names_of(self, columns: Sequence[str]) -> list[SqlColumn]:
        if columns is self.column_sqls:
            return self.columns
        reverse = {quoted: self.by_name[name] for name, quoted in self._quoted.items()}
        return [reverse[quoted] for quoted in columns]

    def target(self, path: Sequence[str]) -> FieldTarget:
        column = self.by_name.get(path[0])
        if column is None:
            return MISSING
        if len(path) == 1:
            return FieldTarget("column", self._quoted[column.name], is_text=column.is_text)
        if column.is_json:
            return FieldTarget(
                "json", self.dialect.json_source(self._quoted[column.name], column.sql_type), tuple(path[1:])
            )
        return MISSING

    def merge(self, item: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
        merged = dict(item)
        merged.update((key, copy_value(value)) for key, value in data.items() if key != ID_FIELD)
        return merged


def index_key(dialect: SqlDialect, target: FieldTarget, descending: bool) -> tuple[str, list[Any]]:
    """An index key for a field: its column, or its JSON path where the dialect can index one."""
    if target.kind == "column":
        return target.sql + (" DESC" if descending else ""), []
    if target.kind == "json":
        return dialect.json_index_key(target.sql, target.path, descending)
    raise UnsupportedException(None, "UNSUPPORTED_INDEX", "Cannot index a field that has no column")
