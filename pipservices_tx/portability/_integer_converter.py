# -*- test-case-name: tests.portability.test_converters -*-
"""Conversion of any value to an integer; never raises."""

from __future__ import annotations

import math
from typing import Any, Optional

from ._float_converter import FloatConverter


class IntegerConverter:
    """Like L{FloatConverter}, then truncated toward zero; infinities give None."""

    @staticmethod
    def to_nullable_integer(value: Any) -> Optional[int]:
        if isinstance(value, int) and not isinstance(value, bool):
            return int(value)
        if isinstance(value, (str, bytes)):
            try:
                return int(value.strip())
            except ValueError:
                pass
        result = FloatConverter.to_nullable_float(value)
        if result is None or math.isinf(result):
            return None
        return int(result)

    @staticmethod
    def to_integer(value: Any) -> int:
        return IntegerConverter.to_integer_with_default(value, 0)

    @staticmethod
    def to_integer_with_default(value: Any, default_value: int) -> int:
        result = IntegerConverter.to_nullable_integer(value)
        return default_value if result is None else result


class LongConverter:
    """Python integers are unbounded, so a long is an integer."""

    to_nullable_long = staticmethod(IntegerConverter.to_nullable_integer)
    to_long = staticmethod(IntegerConverter.to_integer)
    to_long_with_default = staticmethod(IntegerConverter.to_integer_with_default)
