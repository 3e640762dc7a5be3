# -*- test-case-name: tests.data.test_projection_params -*-
"""ProjectionParams: the fields a query returns (C{select}), nested with dots."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable, Optional

from ._query import decode_json, parse_query


def _parse(text: str) -> list[str]:
    """C{"a,b(c,d(e)),f"} as C{["a", "b.c", "b.d.e", "f"]}."""
    paths: list[str] = []
    prefixes: list[str] = []
    name = ""

    def flush() -> None:
        nonlocal name
        if name.strip():
            paths.append(".".join([*prefixes, name.strip()]))
        name = ""

    for char in text:
        if char == ",":
            flush()
        elif char == "(":
            prefixes.append(name.strip())
            name = ""
        elif char == ")":
            flush()
            if prefixes:
                prefixes.pop()
        else:
            name += char
    flush()
    return paths


class ProjectionParams(list[str]):
    """
    Dotted field paths, written C{"id,center.type"} or with groups
    C{"id,center(type,coordinates)"}; an empty projection selects everything.
    """

    def __init__(self, paths: Iterable[str] = ()) -> None:
        super().__init__(path.strip() for path in paths if path and path.strip())

    @classmethod
    def from_string(cls, text: Optional[str]) -> ProjectionParams:
        return cls(_parse(text or ""))

    @classmethod
    def from_value(cls, value: Any) -> ProjectionParams:
        """A ProjectionParams, a comma string, a list of strings (each may hold commas), or None."""
        if value is None:
            return cls()
        if isinstance(value, str):
            return cls.from_string(value)
        if isinstance(value, (list, tuple)):
            return cls(path for item in value for path in cls.from_value(item))
        return cls()

    @classmethod
    def from_json(cls, value: Any) -> ProjectionParams:
        """The value of L{to_json}, or JSON text holding it."""
        if isinstance(value, str) and not value.lstrip().startswith(("[", '"')):
            return cls.from_string(value)
        return cls.from_value(decode_json(value))

    @classmethod
    def from_query(cls, query: Optional[str | bytes], key: str = "select") -> ProjectionParams:
        """The C{select} parameter of C{?select=id,label}."""
        return cls.from_string(parse_query(query).get(key))

    def to_json(self) -> list[str]:
        return list(self)

    def to_string(self) -> str:
        return ",".join(self)

    def __str__(self) -> str:
        return self.to_string()

    def select_from(self, item: Mapping[str, Any]) -> dict[str, Any]:
        """
        A new map with the selected fields of C{item}, nesting kept; missing
        fields are left out. Values are shared with C{item}, not copied.
        """
        if not self:
            return dict(item)
        result: dict[str, Any] = {}
        for path in self:
            _copy_path(item, result, path.split("."))
        return result


def _copy_path(source: Mapping[str, Any], target: dict[str, Any], parts: list[str]) -> None:
    head = parts[0]
    if head not in source:
        return
    value = source[head]
    if len(parts) == 1:
        target[head] = value
        return
    if not isinstance(value, Mapping):
        return
    child = target.get(head)
    if not isinstance(child, dict):
        child = target[head] = {}
    _copy_path(value, child, parts[1:])
    if not child:
        del target[head]
