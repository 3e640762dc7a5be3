# -*- test-case-name: tests.data.test_sort_params -*-
"""SortField and SortParams: the order of a query's result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable, Optional

import attrs

from ..portability import BooleanConverter
from ._query import decode_json, parse_query


@attrs.frozen
class SortField:
    """A field name (nested with dots) and its direction."""

    name: str
    ascending: bool = True

    @classmethod
    def from_string(cls, text: str) -> SortField:
        """C{name} or C{+name} ascending, C{-name} descending."""
        text = text.strip()
        if text.startswith("-"):
            return cls(text[1:].strip(), False)
        if text.startswith("+"):
            return cls(text[1:].strip(), True)
        return cls(text, True)

    def to_string(self) -> str:
        return self.name if self.ascending else "-" + self.name


class SortParams(list[SortField]):
    """
    Fields in priority order. Written as C{"name,-created"}; in JSON either that
    string, a list of such strings, or a list of C{{"name", "ascending"}} maps.
    """

    def __init__(self, fields: Iterable[SortField] = ()) -> None:
        super().__init__(fields)

    @classmethod
    def from_string(cls, text: Optional[str]) -> SortParams:
        return cls(SortField.from_string(part) for part in (text or "").split(",") if part.strip())

    @classmethod
    def from_value(cls, value: Any) -> SortParams:
        """A SortParams, a SortField, a string, a list of strings, maps or SortFields, or None."""
        if value is None:
            return cls()
        if isinstance(value, SortField):
            return cls([value])
        if isinstance(value, str):
            return cls.from_string(value)
        if isinstance(value, Mapping):
            return cls([_field_from_map(value)])
        if isinstance(value, (list, tuple)):
            result = cls()
            for item in value:
                result.extend(cls.from_value(item))
            return result
        return cls()

    @classmethod
    def from_json(cls, value: Any) -> SortParams:
        """The value of L{to_json}, or JSON text holding it."""
        if isinstance(value, str) and not value.lstrip().startswith(("[", "{", '"')):
            return cls.from_string(value)
        return cls.from_value(decode_json(value))

    @classmethod
    def from_query(cls, query: Optional[str | bytes], key: str = "sort") -> SortParams:
        """The C{sort} parameter of C{?sort=name,-created}."""
        return cls.from_string(parse_query(query).get(key))

    def to_json(self) -> list[dict[str, Any]]:
        return [{"name": field.name, "ascending": field.ascending} for field in self]

    def to_string(self) -> str:
        return ",".join(field.to_string() for field in self)

    def __str__(self) -> str:
        return self.to_string()


def _field_from_map(value: Mapping[str, Any]) -> SortField:
    return SortField(str(value.get("name") or ""), BooleanConverter.to_boolean_with_default(value.get("ascending"), True))
