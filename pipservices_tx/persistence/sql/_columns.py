# -*- test-case-name: tests.persistence_sql.test_layout -*-
"""SqlColumn: one column of a column-mapped table, as a subclass declares it."""

from __future__ import annotations

from typing import Any, Iterable, Union

import attrs

from ._names import check_identifier, check_sql_type

_TEXT_MARKERS = ("CHAR", "TEXT", "CLOB")


@attrs.frozen
class SqlColumn:
    """
    A column: its C{name} (the item's key) and its SQL type. A type containing
    C{JSON} holds any JSON value (lists, maps), encoded on write and decoded on
    read; a C{CHAR}/C{TEXT} type compares as text, any other type is cast to
    text for equality filters (so C{count=3} matches the integer 3; numbers
    compare in the database's text form, where a DOUBLE 70.0 is C{"70"}).
    """

    name: str = attrs.field(validator=lambda _, __, value: check_identifier(value, "column"))
    sql_type: str = attrs.field(converter=check_sql_type)

    @property
    def is_json(self) -> bool:
        return "JSON" in self.sql_type.upper()

    @property
    def is_text(self) -> bool:
        upper = self.sql_type.upper()
        return not self.is_json and any(marker in upper for marker in _TEXT_MARKERS)


ColumnSpec = Union[SqlColumn, tuple[str, str]]


def to_columns(specs: Iterable[Any]) -> list[SqlColumn]:
    """SqlColumns from SqlColumns or C{(name, sql_type)} pairs; names must be unique."""
    columns = [spec if isinstance(spec, SqlColumn) else SqlColumn(*spec) for spec in specs]
    names = [column.name for column in columns]
    if len(set(names)) != len(names):
        from ...errors import ConfigException

        raise ConfigException(None, "BAD_SQL_NAME", f"Duplicate column names in {names}")
    return columns
