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


# Every character str.splitlines() breaks on, as an escape: one entry stays one line.
_BREAKS = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
           for code in (0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029)}
_BREAKS.update({0x0A: "\\n", 0x0D: "\\r"})
_JSON_BREAKS = {code: f"\\u{code:04x}" for code in (0x85, 0x2028, 0x2029)}


def escape_line_breaks(text: str) -> str:
    """C{text} on one line: CR, LF and the other line separators as C{\\r}, C{\\n}, C{\\x0b}..."""
    return text.translate(_BREAKS)


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
    #: Set on the entry that stands for its repeats: (how many followed it, within how many seconds).
    repeated: Optional[tuple[int, float]] = None

    def __post_init__(self) -> None:
        self.message = mask_secrets(self.message)

    def console_line(self) -> str:
        """
        C{[<correlation_id or --->:<LEVEL>:<utc iso>] message}, then the error
        and the repeat count; always one line (line breaks are escaped).
        """
        text = f"[{self.correlation_id or '---'}:{self.level.name}:{format_time(self.time)}] {self.message}"
        if self.error is not None:
            text += (": " if self.message else "Error: ") + describe_error(self.error)
        if self.repeated is not None:
            count, seconds = self.repeated
            text += f" (repeated {'once' if count == 1 else f'{count} times'} in {seconds:g} s)"
        return escape_line_breaks(text)

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
        if self.repeated is not None:
            value["repeated"] = {"count": self.repeated[0], "seconds": self.repeated[1]}
        return value

    def json_line(self) -> str:
        """One JSON object on one line (every line break escaped), no record separator, non-ASCII kept."""
        text = json.dumps(self.to_json(), ensure_ascii=False, default=str)
        return text.translate(_JSON_BREAKS)  # json escapes the others already
