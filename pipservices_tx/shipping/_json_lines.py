# -*- test-case-name: tests.shipping.test_json_lines -*-
"""The record a JSON-lines log server reads: Logstash's C{json_lines} codec, Fluentd's C{json} parser."""

from __future__ import annotations

import json
import traceback
from typing import Any

from ..logs import LogEntry, format_time


def json_lines_event(entry: LogEntry) -> dict[str, Any]:
    """
    The entry's JSON fields (C{time}, C{level}, C{source}, C{component},
    C{correlation_id}, C{message}, C{error}) with what Logstash reads
    specially: C{@timestamp} (ISO 8601 UTC with milliseconds, which it parses
    into the event time) and C{@version}. The error keeps the ECS field names
    (C{error.type}, C{error.code}, C{error.message}, C{error.stack_trace}).
    """
    event = entry.to_json()
    event["@timestamp"] = format_time(entry.time)
    event["@version"] = "1"
    error = entry.error
    if error is not None and error.__traceback__ is not None:
        event["error"]["stack_trace"] = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return event


def encode_json_line(entry: LogEntry) -> bytes:
    """
    One JSON object and a newline, UTF-8: newlines inside the message are
    escaped by JSON, and text Python holds but UTF-8 cannot carry (lone
    surrogates) becomes C{?}, so every line parses.
    """
    text = json.dumps(json_lines_event(entry), ensure_ascii=False, default=str, allow_nan=False)
    return text.encode("utf-8", errors="replace") + b"\n"
