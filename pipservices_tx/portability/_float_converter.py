# -*- test-case-name: tests.portability.test_converters -*-
"""Conversion of any value to a float; never raises."""

from __future__ import annotations

import datetime
import math
from typing import Any, Optional


class FloatConverter:
    """Numbers and numeric strings convert; booleans give 1.0/0.0; the rest is None."""

    @staticmethod
    def to_nullable_float(value: Any) -> Optional[float]:
        if value is None:
            return None
        if isinstance(value, bool):
            return 1.0 if value else 0.0
        if isinstance(value, (int, float)):
            try:
                return float(value)
            except OverflowError:
                return None
        if isinstance(value, datetime.datetime):
            return value.timestamp() * 1000.0
        if isinstance(value, (str, bytes)):
            try:
                result = float(value.strip())
            except (ValueError, OverflowError):
                return None
            return None if math.isnan(result) else result
        return None

    @staticmethod
    def to_float(value: Any) -> float:
        return FloatConverter.to_float_with_default(value, 0.0)

    @staticmethod
    def to_float_with_default(value: Any, default_value: float) -> float:
        result = FloatConverter.to_nullable_float(value)
        return default_value if result is None else result
