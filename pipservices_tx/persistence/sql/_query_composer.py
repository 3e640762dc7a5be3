# -*- test-case-name: tests.persistence_sql.test_dialects -*-
"""SqlQueryComposer: WHERE and ORDER BY clauses from filters and sorts, values as parameters only."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

from ...data import FilterParams, SortParams
from ...errors import UnsupportedException
from ...portability import StringConverter
from ._condition import FALSE, TRUE, SqlCondition, and_conditions
from ._dialect import SqlDialect
from ._layout import ColumnLayout, DocumentLayout, FieldTarget
from ._names import split_field


class SqlQueryComposer:
    """
    The filter and sort half of a SQL persistence. Field names are checked
    (L{split_field}) before any SQL is built and land in the text only as
    quoted, validated identifiers or as parameters; values are always
    parameters.
    """

    _dialect: SqlDialect
    _layout: DocumentLayout | ColumnLayout

    def _compose_filter(self, filter_params: FilterParams) -> Optional[SqlCondition]:
        """
        The WHERE condition of a L{FilterParams}: by default each key is a
        field (dotted for nested JSON fields) whose value, as a string, must
        equal the key's value; a None value asks for a missing or null field.
        Override for criteria of your own and pass the remaining keys on;
        build conditions with L{_field_equals}, L{_field_in} and
        C{and_conditions}. None means every item matches.
        """
        return and_conditions(*(self._field_equals(key, value) for key, value in filter_params.items()))

    def _field_target(self, name: str) -> FieldTarget:
        return self._layout.target(split_field(name))

    def _field_equals(self, name: str, value: Any) -> SqlCondition:
        """C{name} equals C{value} as strings (None: missing or null). A bad name is a BadRequestException."""
        target = self._field_target(name)
        dialect = self._dialect
        if value is None:
            if target.kind == "column":
                return f"{target.sql} IS NULL", []
            return TRUE if target.kind == "missing" else dialect.json_is_null(target.sql, target.path)
        text = value if isinstance(value, str) else StringConverter.to_string(value)
        if target.kind == "column":
            return dialect.column_equals(target.sql, target.is_text, text)
        return FALSE if target.kind == "missing" else dialect.json_equals(target.sql, target.path, text)

    def _field_in(self, name: str, values: Sequence[Any]) -> SqlCondition:
        """C{name}, as a string, is one of C{values} (an empty list matches nothing)."""
        target = self._field_target(name)
        texts = [value if isinstance(value, str) else StringConverter.to_string(value) for value in values]
        if target.kind == "column":
            return self._dialect.column_in(target.sql, target.is_text, texts)
        return FALSE if target.kind == "missing" else self._dialect.json_in(target.sql, target.path, texts)

    def _condition(self, filter: Any) -> Optional[SqlCondition]:
        if filter is None:
            return None
        if isinstance(filter, tuple):
            return filter
        if callable(filter) and not isinstance(filter, Mapping):
            raise UnsupportedException(None, "UNSUPPORTED_FILTER", "A SQL persistence cannot filter with a function")
        return self._compose_filter(filter if isinstance(filter, FilterParams) else FilterParams.from_value(filter))

    def _where(self, filter: Any) -> tuple[str, list[Any]]:
        condition = self._condition(filter)
        if condition is None:
            return "", []
        return f" WHERE {condition[0]}", list(condition[1])

    def _order_by(self, sort: Any, tie_break: bool) -> tuple[str, list[Any]]:
        if callable(sort) and not isinstance(sort, (str, list)):
            raise UnsupportedException(None, "UNSUPPORTED_SORT", "A SQL persistence cannot sort with a function")
        terms: list[str] = []
        params: list[Any] = []
        for field in SortParams.from_value(sort):
            target = self._field_target(field.name)
            if target.kind == "column":
                terms.append(self._dialect.column_order(target.sql, field.ascending))
            elif target.kind == "json":
                sql, values = self._dialect.json_order(target.sql, target.path, field.ascending)
                terms.append(sql)
                params.extend(values)
        if tie_break:
            terms.append(self._dialect.column_order(self._layout.id_sql, True))
        return (" ORDER BY " + ", ".join(terms), params) if terms else ("", [])
