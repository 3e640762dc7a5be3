# -*- test-case-name: tests.validation.test_object_comparator -*-
"""Comparison of loosely typed values with operators such as C{GT} and C{LIKE}."""

from __future__ import annotations

import datetime
import re
from typing import Any, Callable, Optional

from ..portability import DateTimeConverter, FloatConverter, StringConverter

_SYNONYMS = {
    "=": "EQ", "==": "EQ", "EQ": "EQ",
    "!=": "NE", "<>": "NE", "NE": "NE",
    "<": "LT", "LT": "LT",
    "<=": "LE", "LE": "LE",
    ">": "GT", "GT": "GT",
    ">=": "GE", "GE": "GE",
    "LIKE": "LIKE",
}


def normalize_operation(operation: Any) -> Optional[str]:
    """C{"EQ"}, C{"NE"}, C{"LT"}, C{"LE"}, C{"GT"}, C{"GE"} or C{"LIKE"} for any spelling; None if unknown."""
    return _SYNONYMS.get(StringConverter.to_string(operation).strip().upper())


def _order(value1: Any, value2: Any) -> Optional[int]:
    """-1, 0 or 1 when the values are comparable (numbers, times, strings); else None."""
    if isinstance(value1, (datetime.date, datetime.datetime)) or isinstance(value2, (datetime.date, datetime.datetime)):
        time1 = DateTimeConverter.to_nullable_datetime(value1)
        time2 = DateTimeConverter.to_nullable_datetime(value2)
        if time1 is not None and time2 is not None:
            return (time1 > time2) - (time1 < time2)
        return None
    number1 = FloatConverter.to_nullable_float(value1)
    number2 = FloatConverter.to_nullable_float(value2)
    if number1 is not None and number2 is not None:
        return (number1 > number2) - (number1 < number2)
    if isinstance(value1, str) and isinstance(value2, str):
        return (value1 > value2) - (value1 < value2)
    return None


class ObjectComparator:
    """Numbers compare as numbers even when one is a string (C{"5"} equals C{5}); never raises."""

    @staticmethod
    def are_equal(value1: Any, value2: Any) -> bool:
        if value1 is None or value2 is None:
            return value1 is None and value2 is None
        try:
            if value1 == value2:
                return True
        except Exception:
            pass
        if _order(value1, value2) == 0:
            return True
        text1 = StringConverter.to_nullable_string(value1)
        return text1 is not None and text1 == StringConverter.to_nullable_string(value2)

    @staticmethod
    def are_not_equal(value1: Any, value2: Any) -> bool:
        return not ObjectComparator.are_equal(value1, value2)

    @staticmethod
    def is_less(value1: Any, value2: Any) -> bool:
        return _order(value1, value2) == -1

    @staticmethod
    def is_greater(value1: Any, value2: Any) -> bool:
        return _order(value1, value2) == 1

    @staticmethod
    def match(value: Any, regexp: Any) -> bool:
        """A case-insensitive regular expression search; a bad expression matches nothing."""
        if value is None or regexp is None:
            return value is None and regexp is None
        try:
            return re.search(StringConverter.to_string(regexp), StringConverter.to_string(value), re.IGNORECASE) is not None
        except (re.error, RecursionError):
            return False

    @staticmethod
    def compare(value1: Any, operation: Any, value2: Any) -> bool:
        """C{value1 <operation> value2}; an unknown operation is False."""
        check: Optional[Callable[[Any, Any], bool]] = {
            "EQ": ObjectComparator.are_equal,
            "NE": ObjectComparator.are_not_equal,
            "LT": ObjectComparator.is_less,
            "LE": lambda a, b: ObjectComparator.is_less(a, b) or ObjectComparator.are_equal(a, b),
            "GT": ObjectComparator.is_greater,
            "GE": lambda a, b: ObjectComparator.is_greater(a, b) or ObjectComparator.are_equal(a, b),
            "LIKE": ObjectComparator.match,
        }.get(normalize_operation(operation) or "")
        return False if check is None else check(value1, value2)
