# -*- test-case-name: tests.portability.test_converters -*-
"""Conversion of any value to a string, the same way in every language."""

from __future__ import annotations

import datetime
from typing import Any, Optional


class StringConverter:
    """Booleans become C{true}/C{false}, lists join with commas, times become ISO 8601."""

    @staticmethod
    def to_nullable_string(value: Any) -> Optional[str]:
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, datetime.datetime):
            if value.tzinfo is None:
                value = value.replace(tzinfo=datetime.timezone.utc)
            return value.isoformat()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, (list, tuple, set, frozenset)):
            return ",".join(StringConverter.to_string(item) for item in value)
        return str(value)

    @staticmethod
    def to_string(value: Any) -> str:
        return StringConverter.to_string_with_default(value, "")

    @staticmethod
    def to_string_with_default(value: Any, default_value: str) -> str:
        result = StringConverter.to_nullable_string(value)
        return default_value if result is None else result
