# -*- test-case-name: tests.portability.test_datetime_converter -*-
"""Conversion of ISO 8601 strings, epoch milliseconds and dates to aware datetimes."""

from __future__ import annotations

import datetime
import decimal
import math
import numbers
import re
from typing import Any, Optional

from ._float_converter import FloatConverter

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
_INTEGER = re.compile(r"[+-]?\d+")


def _from_millis(millis: float) -> Optional[datetime.datetime]:
    if math.isnan(millis) or math.isinf(millis):
        return None
    try:
        return EPOCH + datetime.timedelta(milliseconds=millis)
    except (OverflowError, ValueError):
        return None


def _from_text(text: str) -> Optional[datetime.datetime]:
    text = text.strip()
    if not text:
        return None
    try:
        return DateTimeConverter.to_nullable_datetime(datetime.datetime.fromisoformat(text))
    except ValueError:
        pass
    if _INTEGER.fullmatch(text) and len(text) < 20:
        return _from_millis(int(text))
    return None


class DateTimeConverter:
    """
    Results always carry a time zone: naive datetimes are taken as UTC, a date
    is its midnight UTC, numbers are milliseconds since the epoch.
    """

    @staticmethod
    def to_nullable_datetime(value: Any) -> Optional[datetime.datetime]:
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, datetime.datetime):
            return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        if isinstance(value, datetime.date):
            return datetime.datetime(value.year, value.month, value.day, tzinfo=UTC)
        if isinstance(value, numbers.Integral):
            return _from_millis(int(value)) if abs(int(value)) < 10**18 else None
        if isinstance(value, (numbers.Real, decimal.Decimal)):
            millis = FloatConverter.to_nullable_float(value)
            return None if millis is None else _from_millis(millis)
        if isinstance(value, (bytes, bytearray)):
            return _from_text(bytes(value).decode("utf-8", "replace"))
        if isinstance(value, str):
            return _from_text(value)
        return None

    @staticmethod
    def to_datetime(value: Any) -> datetime.datetime:
        """The conversion, or the epoch (1970-01-01T00:00:00Z)."""
        return DateTimeConverter.to_datetime_with_default(value, EPOCH)

    @staticmethod
    def to_datetime_with_default(value: Any, default_value: datetime.datetime) -> datetime.datetime:
        result = DateTimeConverter.to_nullable_datetime(value)
        return default_value if result is None else result
