# -*- test-case-name: tests.services.test_json -*-
"""JSON encoding of results: compact, once, with dates and value objects handled."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
from typing import Any

from ..logs import format_time


def _default(value: Any) -> Any:
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    if isinstance(value, datetime.datetime):
        return format_time(value) if value.tzinfo else format_time(value.replace(tzinfo=datetime.timezone.utc))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    attrs_fields = getattr(type(value), "__attrs_attrs__", None)
    if attrs_fields is not None:
        return {field.name: getattr(value, field.name) for field in attrs_fields}
    if hasattr(value, "__dict__"):
        return {k: v for k, v in vars(value).items() if not k.startswith("_")}
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_encoder = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, default=_default, allow_nan=False)


def encode_json(value: Any) -> bytes:
    """Encodes C{value} as compact UTF-8 JSON; NaN and infinities are not JSON, so they fail."""
    return _encoder.encode(value).encode("utf-8")
