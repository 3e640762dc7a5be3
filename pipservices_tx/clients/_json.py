# -*- test-case-name: tests.clients.test_rest_client -*-
"""JSON encoding of call arguments: dates as ISO 8601, sets and tuples as lists, no NaN or infinity."""

from __future__ import annotations

import datetime
import json
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def to_json_bytes(value: Any) -> bytes:
    """UTF-8 JSON of C{value}, compact; NaN and infinities are not JSON, so they raise ValueError."""
    return json.dumps(
        value, default=_default, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")
