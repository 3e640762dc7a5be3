# -*- test-case-name: tests.logs.test_format -*-
"""A log entry and its two renderings: the console line and a JSON line."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..config import mask_credentials
from ._level import LogLevel


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def format_time(time: datetime.datetime) -> str:
    """UTC ISO 8601 with milliseconds and a C{Z}."""
    time = time.astimezone(datetime.timezone.utc)
    return time.strftime("%Y-%m-%dT%H:%M:%S.") + f"{time.microsecond // 1000:03d}Z"


# A cheap first look: only text with one of these can hold a credential worth masking.
_MAYBE_SECRET = re.compile(r"://|pass|pwd|secret|token|key", re.IGNORECASE)


def mask_secrets(text: str) -> str:
    """
    C{text} with URI passwords and C{password=...}/C{token: ...} values
    masked, so a connection URI or a config logged by mistake does not leak.
    """
    if not _MAYBE_SECRET.search(text):
        return text
    return str(mask_credentials(text))


def describe_error(error: BaseException) -> str:
    """One line for an error: its message, then C{Caused by:} its causes (credentials masked)."""
    parts = [str(error) or type(error).__name__]
    cause = getattr(error, "cause", None)
    if isinstance(cause, str) and cause and cause not in parts:
        parts.append(cause)
    return mask_secrets(" Caused by: ".join(parts))


@dataclass
class LogEntry:
    """One message on its way from a component to the log sinks."""

    level: LogLevel
    correlation_id: Optional[str]
    error: Optional[BaseException]
    message: str
    component: Optional[str] = None
    source: Optional[str] = None
    time: datetime.datetime = field(default_factory=_utc_now)

    def __post_init__(self) -> None:
        self.message = mask_secrets(self.message)

    def console_line(self) -> str:
        """C{[<correlation_id or --->:<LEVEL>:<utc iso>] message}, then the error."""
        text = f"[{self.correlation_id or '---'}:{self.level.name}:{format_time(self.time)}] {self.message}"
        if self.error is not None:
            text += (": " if self.message else "Error: ") + describe_error(self.error)
        return text

    def to_json(self) -> dict[str, Any]:
        value: dict[str, Any] = {
            "time": format_time(self.time),
            "level": self.level.name,
            "source": self.source,
            "component": self.component,
            "correlation_id": self.correlation_id,
            "message": self.message,
        }
        if self.error is not None:
            value["error"] = {
                "type": type(self.error).__name__,
                "code": getattr(self.error, "code", None),
                "message": describe_error(self.error),
            }
        return value

    def json_line(self) -> str:
        """One JSON object, no record separator, non-ASCII kept."""
        return json.dumps(self.to_json(), ensure_ascii=False, default=str)
