# -*- test-case-name: tests.infrastructure.test_wire -*-
"""The wire shapes of the infrastructure services: LogMessageV1 and CounterV1."""

from __future__ import annotations

import datetime
import math
from typing import Any, Mapping, Optional

from ..counters import Counter, CounterType
from ..errors import ErrorDescription
from ..logs import LogEntry, format_time
from ..portability import DateTimeConverter, FloatConverter, IntegerConverter


def json_safe(value: Any) -> Any:
    """
    C{value} as plain JSON any service parses: non-finite numbers become
    null, text UTF-8 cannot carry is replaced, unknown objects become their
    text. What a component logs or counts must not make a batch the service
    refuses forever.
    """
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return value.encode("utf-8", errors="replace").decode("utf-8")
    if isinstance(value, Mapping):
        return {json_safe(str(key)): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(item) for item in value]
    try:
        return json_safe(str(value))
    except Exception:
        return type(value).__name__


def _error(error: BaseException) -> Any:
    try:
        return ErrorDescription.from_error(error, include_stack_trace=True).to_json()
    except Exception:  # an error whose text cannot even be read
        return {"type": type(error).__name__, "message": type(error).__name__}


def log_message_v1(entry: LogEntry) -> dict[str, Any]:
    """
    C{{time, source, level, correlation_id, error, message}}: the time in ISO
    8601 UTC, the level as its number (fatal 1 ... trace 6), the error as an
    ErrorDescription with its stack trace; made L{json_safe}.
    """
    error = _error(entry.error) if entry.error is not None else None
    return json_safe({
        "time": format_time(entry.time),
        "source": entry.source,
        "level": int(entry.level),
        "correlation_id": entry.correlation_id,
        "error": error,
        "message": entry.message,
    })


def counter_v1(counter: Counter, source: Optional[str]) -> dict[str, Any]:
    """C{{name, source, type, last, count, min, max, average, time}}: the type as its number (interval 0 ...)."""
    return json_safe({
        "name": counter.name,
        "source": source,
        "type": int(counter.type),
        "last": counter.last,
        "count": counter.count,
        "min": counter.min,
        "max": counter.max,
        "average": counter.average,
        "time": format_time(counter.time) if counter.time is not None else None,
    })


def counter_from_v1(value: Mapping[str, Any]) -> Counter:
    """A Counter from a CounterV1 map (unknown types read as Increment would be wrong: they fail)."""
    kind = CounterType(IntegerConverter.to_integer(value.get("type")))
    time = DateTimeConverter.to_nullable_datetime(value.get("time"))
    return Counter(
        str(value.get("name") or ""),
        kind,
        FloatConverter.to_nullable_float(value.get("last")),
        IntegerConverter.to_nullable_integer(value.get("count")),
        FloatConverter.to_nullable_float(value.get("min")),
        FloatConverter.to_nullable_float(value.get("max")),
        FloatConverter.to_nullable_float(value.get("average")),
        time.astimezone(datetime.timezone.utc) if time is not None else None,
    )
