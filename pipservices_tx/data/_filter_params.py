# -*- test-case-name: tests.data.test_filter_params -*-
"""FilterParams: the search criteria of a query, as string keys and string values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable, Optional

from ..portability import StringConverter, TypedGetters
from ._query import build_query, decode_json, parse_query


def _flatten(prefix: str, value: Any, out: dict[str, Optional[str]]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), item, out)
    elif prefix:
        out[prefix] = StringConverter.to_nullable_string(value)


class FilterParams(dict[str, Optional[str]], TypedGetters):
    """
    Each key names a field (nested fields with dots, C{center.type}) and each
    value is kept as a string, converted on the way out by typed getters that
    never raise. Lists become comma-separated strings (C{udis=1,2}), the way
    Pip.Services filters carry them.
    """

    def _value_at(self, key: Any) -> Optional[str]:
        """What the typed getters (C{get_as_integer}...) convert: the value, or None."""
        return self.get(key)

    def __init__(self, values: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__()
        if values:
            out: dict[str, Optional[str]] = {}
            _flatten("", values, out)
            self.update(out)

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_tuples(cls, *tuples: Any) -> FilterParams:
        """C{from_tuples("site_id", 1, "label", "x")}: keys and values alternating."""
        return cls({str(tuples[i]): tuples[i + 1] for i in range(0, len(tuples) - 1, 2)})

    @classmethod
    def from_string(cls, line: Optional[str]) -> FilterParams:
        """
        C{"a=1;b=2"}, values taken literally; a line starting with C{?} is a
        URL query (L{from_query}). A key without C{=} gets an empty value.
        """
        text = (line or "").strip()
        if text.startswith("?"):
            return cls.from_query(text)
        result = cls()
        for part in text.split(";"):
            if part.strip():
                key, sep, value = part.partition("=")
                result[key.strip()] = value.strip() if sep else ""
        return result

    @classmethod
    def from_query(cls, query: Optional[str | bytes], exclude: Iterable[str] = ()) -> FilterParams:
        """
        A URL query, C{?site_id=1&label=x} (URL-decoded). C{exclude} drops keys
        that are not criteria, e.g. C{("skip", "take", "total", "sort")}.
        """
        skipped = set(exclude)
        return cls({key: value for key, value in parse_query(query).items() if key not in skipped})

    @classmethod
    def from_value(cls, value: Any) -> FilterParams:
        """A map (nested maps become dotted keys), a query or C{a=1;b=2} string, or None."""
        if value is None:
            return cls()
        if isinstance(value, str):
            return cls.from_string(value)
        if isinstance(value, Mapping):
            return cls(value)
        return cls()

    @classmethod
    def from_json(cls, value: Any) -> FilterParams:
        """The value of L{to_json}, or JSON text holding it."""
        return cls.from_value(decode_json(value))

    # -- serialisation --------------------------------------------------------

    def to_json(self) -> dict[str, Optional[str]]:
        return dict(self)

    def to_query(self) -> str:
        """A URL query without the leading C{?}; None values are left out."""
        return build_query((key, value) for key, value in self.items() if value is not None)

    def __str__(self) -> str:
        return ";".join(f"{key}={'' if value is None else value}" for key, value in self.items())

    # -- typed getters --------------------------------------------------------

    def get_as_string_list(self, key: str) -> Optional[list[str]]:
        """C{"a, b"} as C{["a", "b"]} (blank parts dropped); None when the key is absent."""
        value = self.get(key)
        if value is None:
            return None
        return [part.strip() for part in value.split(",") if part.strip()]
