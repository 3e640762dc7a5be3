# -*- test-case-name: tests.portability.test_converters -*-
"""Conversion of any value to a float; never raises."""

from __future__ import annotations

import datetime
import decimal
import math
import numbers
from typing import Any, Optional

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


class FloatConverter:
    """
    Numbers and numeric strings convert; booleans give 1.0/0.0; times give
    epoch milliseconds and durations milliseconds; NaN and the rest give None.
    """

    @staticmethod
    def to_nullable_float(value: Any) -> Optional[float]:
        if value is None:
            return None
        if isinstance(value, bool):
            return 1.0 if value else 0.0
        result: Optional[float] = None
        try:
            if isinstance(value, (numbers.Real, decimal.Decimal)):
                result = float(value)
            elif isinstance(value, datetime.datetime):
                if value.tzinfo is None:
                    value = value.replace(tzinfo=datetime.timezone.utc)
                result = (value - _EPOCH) / datetime.timedelta(milliseconds=1)
            elif isinstance(value, datetime.timedelta):
                result = value / datetime.timedelta(milliseconds=1)
            elif isinstance(value, (str, bytes)):
                result = float(value.strip())
        except (ValueError, OverflowError, TypeError, ArithmeticError):
            return None
        if result is None or math.isnan(result):
            return None
        return result

    @staticmethod
    def to_float(value: Any) -> float:
        return FloatConverter.to_float_with_default(value, 0.0)

    @staticmethod
    def to_float_with_default(value: Any, default_value: float) -> float:
        result = FloatConverter.to_nullable_float(value)
        return default_value if result is None else result


class DoubleConverter:
    """Python floats are doubles, so a double is a float."""

    to_nullable_double = staticmethod(FloatConverter.to_nullable_float)
    to_double = staticmethod(FloatConverter.to_float)
    to_double_with_default = staticmethod(FloatConverter.to_float_with_default)
