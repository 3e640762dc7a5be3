# -*- test-case-name: tests.data.test_paging_params -*-
"""PagingParams: which slice of a result to return, and whether to count the whole."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

import attrs

from ..portability import BooleanConverter, IntegerConverter
from ._query import build_query, decode_json, parse_query

MAX_SKIP = 2**62


def _to_count(value: Any) -> Optional[int]:
    return IntegerConverter.to_nullable_integer(value)


def _to_take(value: Any) -> Optional[int]:
    """A take of 0 is "not set", as in every Pip.Services language (gRPC sends 0 for a missing one)."""
    take = IntegerConverter.to_nullable_integer(value)
    return None if take == 0 else take


def _to_flag(value: Any) -> bool:
    return BooleanConverter.to_boolean_with_default(value, False)


@attrs.frozen
class PagingParams:
    """
    C{skip} items, then at most C{take}; None leaves the choice to the
    persistence (no skip, its maximum page size). A C{take} of 0 is None too,
    as in pip-services3 (gRPC and protobuf send 0 for "not set"). C{total}
    asks for the count of all matching items, which costs a full scan, so it
    is off by default.
    """

    skip: Optional[int] = attrs.field(default=None, converter=_to_count)
    take: Optional[int] = attrs.field(default=None, converter=_to_take)
    total: bool = attrs.field(default=False, converter=_to_flag)

    @property
    def has_total(self) -> bool:
        """The Pip.Services name of C{total}."""
        return self.total

    def get_skip(self, min_skip: int) -> int:
        """
        C{skip}, at least C{min_skip} and at most C{MAX_SKIP} (2**62): beyond
        any store, and still a 64-bit integer for SQL OFFSET and MongoDB.
        """
        return min_skip if self.skip is None else min(max(self.skip, min_skip), MAX_SKIP)

    def get_take(self, max_take: int) -> int:
        """C{take} between 0 (a negative take) and C{max_take}; C{max_take} when unset."""
        if self.take is None:
            return max_take
        return max(0, min(self.take, max_take))

    # -- construction and serialisation ---------------------------------------

    @classmethod
    def from_value(cls, value: Any) -> PagingParams:
        """
        A PagingParams, a map with C{skip}, C{take}, C{total} (numbers, strings or
        booleans), a URL query string, or None (no paging).
        """
        if isinstance(value, PagingParams):
            return value
        if isinstance(value, (str, bytes)):
            return cls.from_query(value)
        if isinstance(value, Mapping):
            return cls(value.get("skip"), value.get("take"), value.get("total"))
        return cls()

    @classmethod
    def from_json(cls, value: Any) -> PagingParams:
        """The value of L{to_json}, or JSON text holding it."""
        return cls.from_value(decode_json(value))

    @classmethod
    def from_query(cls, query: Optional[str | bytes]) -> PagingParams:
        """The C{skip}, C{take} and C{total} parameters of C{?skip=0&take=10&total=true}."""
        return cls.from_value(parse_query(query))

    def to_json(self) -> dict[str, Any]:
        """C{{"skip": 0, "take": 10, "total": true}}; an unset skip or take is left out."""
        result: dict[str, Any] = {}
        if self.skip is not None:
            result["skip"] = self.skip
        if self.take is not None:
            result["take"] = self.take
        result["total"] = self.total
        return result

    def to_query(self) -> str:
        pairs = [(key, str(value)) for key, value in self.to_json().items() if key != "total"]
        pairs.append(("total", "true" if self.total else "false"))
        return build_query(pairs)
