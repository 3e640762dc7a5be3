# -*- test-case-name: tests.portability.test_converters -*-
"""Conversion of any value to a string, the same way in every language."""

from __future__ import annotations

import datetime
from typing import Any, Optional


def _to_text(value: Any, seen: frozenset[int]) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        if id(value) in seen:
            return ""
        inner = seen | {id(value)}
        return ",".join(_to_text(item, inner) or "" for item in value)
    try:
        return str(value)
    except Exception:
        # Objects whose __str__ fails, integers too long for str(): no text.
        return None


class StringConverter:
    """Booleans become C{true}/C{false}, lists join with commas, times become ISO 8601."""

    @staticmethod
    def to_nullable_string(value: Any) -> Optional[str]:
        return _to_text(value, frozenset())

    @staticmethod
    def to_string(value: Any) -> str:
        return StringConverter.to_string_with_default(value, "")

    @staticmethod
    def to_string_with_default(value: Any, default_value: str) -> str:
        result = StringConverter.to_nullable_string(value)
        return default_value if result is None else result
