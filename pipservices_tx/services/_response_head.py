# -*- test-case-name: tests.services.test_http11 -*-
"""
The head of an answer as bytes, built at once: the status line from a cache,
the Date header once per second, the header lines straight from the
request's C{responseHeaders} (their names canonical and values clean, as
twisted.web's C{Headers} keeps them). twisted.web's generic path builds and
checks the same on every answer.
"""

from __future__ import annotations

import time
from typing import Any

from twisted.web.http import RESPONSES, datetimeToString

_status_lines: dict[tuple[bytes, int], bytes] = {}
_date = [0, b""]


def http_date() -> bytes:
    """Now as an HTTP date (RFC 9110), computed once per second."""
    now = int(time.time())
    if now != _date[0]:
        _date[1] = datetimeToString(now)
        _date[0] = now
    return _date[1]  # type: ignore[return-value]


def status_line(version: bytes, code: int, message: Any = None) -> bytes:
    """C{HTTP/1.1 200 OK\\r\\n} for C{version} and C{code} (a message of its own is not cached)."""
    if message is not None:
        return b"%s %d %s\r\n" % (version, code, message)
    key = (version, code)
    line = _status_lines.get(key)
    if line is None:
        line = b"%s %d %s\r\n" % (version, code, RESPONSES.get(code, b"Unknown Status"))
        if len(_status_lines) < 256:
            _status_lines[key] = line
    return line


def response_head(version: bytes, code: int, message: Any, headers: dict[bytes, list[bytes]]) -> bytes:
    """The status line, the header lines and the blank line of an answer."""
    parts = [status_line(version, code, message)]
    for name, values in headers.items():
        for value in values:
            parts.append(b"%s: %s\r\n" % (name, value))
    parts.append(b"\r\n")
    return b"".join(parts)


def clean_value(value: bytes) -> bytes:
    """A header value without line breaks (as twisted.web's C{setHeader} makes it)."""
    if b"\r" in value or b"\n" in value:
        return b" ".join(value.splitlines())
    return value
