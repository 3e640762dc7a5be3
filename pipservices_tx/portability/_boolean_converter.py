# -*- test-case-name: tests.portability.test_converters -*-
"""Conversion of any value to a boolean; never raises."""

from __future__ import annotations

import datetime
import decimal
import numbers
from typing import Any, Optional

_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "off"})


class BooleanConverter:
    """C{true/yes/y/t/1/on} and their opposites, any case; numbers by non-zero (NaN has no truth)."""

    @staticmethod
    def to_nullable_boolean(value: Any) -> Optional[bool]:
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, datetime.timedelta):
            return value.total_seconds() > 0
        if isinstance(value, (numbers.Number, decimal.Decimal)):
            try:
                if value != value:  # NaN
                    return None
                return bool(value != 0)
            except Exception:
                # A signalling NaN refuses even to be compared.
                return None
        if isinstance(value, (str, bytes)):
            text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
            text = text.strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
        return None

    @staticmethod
    def to_boolean(value: Any) -> bool:
        return BooleanConverter.to_boolean_with_default(value, False)

    @staticmethod
    def to_boolean_with_default(value: Any, default_value: bool) -> bool:
        result = BooleanConverter.to_nullable_boolean(value)
        return default_value if result is None else result
