"""Tests for the console line and the JSON line of a log entry."""

from __future__ import annotations

import datetime
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import ConnectionException
from pipservices_tx.logs import LogEntry, LogLevel, escape_line_breaks, format_message, format_time

# docs/protocol.rst, section 8: [<correlation_id or --->:<LEVEL>:<utc iso>] message
CONSOLE_LINE = re.compile(
    r"^\[(?P<corr>[^:\]]+|---):(?P<level>NONE|FATAL|ERROR|WARN|INFO|DEBUG|TRACE):"
    r"(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\] (?P<message>.*)$",
    re.DOTALL,
)
WHEN = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone.utc)


class FormatTimeTests(SynchronousTestCase):
    def test_utc_with_milliseconds(self) -> None:
        self.assertEqual(format_time(WHEN), "2024-05-06T07:08:09.123Z")

    def test_other_time_zones_are_converted(self) -> None:
        plus_two = datetime.timezone(datetime.timedelta(hours=2))
        self.assertEqual(format_time(WHEN.astimezone(plus_two)), "2024-05-06T07:08:09.123Z")


class ConsoleLineTests(SynchronousTestCase):
    def test_exact_format(self) -> None:
        entry = LogEntry(LogLevel.INFO, "123", None, "Container started", time=WHEN)
        self.assertEqual(entry.console_line(), "[123:INFO:2024-05-06T07:08:09.123Z] Container started")

    def test_no_correlation_id(self) -> None:
        line = LogEntry(LogLevel.WARN, None, None, "careful").console_line()
        match = CONSOLE_LINE.match(line)
        assert match is not None, line
        self.assertEqual(match.group("corr"), "---")
        self.assertEqual(match.group("level"), "WARN")
        self.assertEqual(match.group("message"), "careful")

    def test_error_is_appended(self) -> None:
        error = ConnectionException(None, "NO_RESPONSE", "db down").with_cause("refused")
        line = LogEntry(LogLevel.ERROR, "c", error, "Failed to open", time=WHEN).console_line()
        self.assertEqual(line, "[c:ERROR:2024-05-06T07:08:09.123Z] Failed to open: db down Caused by: refused")
        line = LogEntry(LogLevel.ERROR, "c", ValueError("x"), "", time=WHEN).console_line()
        self.assertEqual(line, "[c:ERROR:2024-05-06T07:08:09.123Z] Error: x")

    @settings(max_examples=200)
    @given(
        st.sampled_from(list(LogLevel)),
        st.one_of(st.none(), st.text(st.characters(blacklist_characters=":]\n"), min_size=1)),
        st.text(),
    )
    def test_every_line_matches(self, level: LogLevel, correlation_id: str | None, message: str) -> None:
        line = LogEntry(level, correlation_id, None, message).console_line()
        self.assertEqual(len(line.splitlines()), 1, "one entry, one line")
        match = CONSOLE_LINE.match(line)
        assert match is not None
        self.assertEqual(match.group("level"), level.name)
        self.assertEqual(match.group("corr"), escape_line_breaks(correlation_id or "---"))
        self.assertEqual(match.group("message"), escape_line_breaks(message))

    def test_line_breaks_are_escaped(self) -> None:
        error = ConnectionException(None, "CONNECTION_LOST", "server closed the connection\n\tThis probably means")
        line = LogEntry(LogLevel.ERROR, "c", error, "Failed\r\nto call", time=WHEN).console_line()
        self.assertEqual(
            line,
            "[c:ERROR:2024-05-06T07:08:09.123Z] Failed\\r\\nto call: server closed the connection\\n\tThis probably means",
        )
        for separator in ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"):
            line = LogEntry(LogLevel.INFO, None, None, f"a{separator}b").console_line()
            self.assertEqual(len(line.splitlines()), 1, repr(separator))

    def test_repeat_count_ends_the_line(self) -> None:
        entry = LogEntry(LogLevel.ERROR, "c", ValueError("down"), "Failed", time=WHEN, repeated=(642, 5.0))
        self.assertEqual(entry.console_line(), "[c:ERROR:2024-05-06T07:08:09.123Z] Failed: down (repeated 642 times in 5 s)")
        self.assertTrue(LogEntry(LogLevel.ERROR, None, None, "x", repeated=(1, 5.0)).console_line().endswith(
            "x (repeated once in 5 s)"))


class JsonLineTests(SynchronousTestCase):
    def test_one_object(self) -> None:
        entry = LogEntry(LogLevel.DEBUG, "c1", None, "héllo\nworld", "persistence", "beacons", WHEN)
        line = entry.json_line()
        self.assertNotIn("\n", line)
        self.assertNotIn("\x1e", line)
        self.assertIn("héllo", line)
        self.assertEqual(json.loads(line), {
            "time": "2024-05-06T07:08:09.123Z",
            "level": "DEBUG",
            "source": "beacons",
            "component": "persistence",
            "correlation_id": "c1",
            "message": "héllo\nworld",
        })

    def test_every_line_break_is_escaped(self) -> None:
        text = "a\nb\rc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\u2028j\u2029k"
        line = LogEntry(LogLevel.ERROR, "c\n", ValueError(text), text).json_line()
        self.assertEqual(len(line.splitlines()), 1)
        value = json.loads(line)
        self.assertEqual((value["message"], value["error"]["message"], value["correlation_id"]), (text, text, "c\n"))

    def test_repeat_count(self) -> None:
        value = json.loads(LogEntry(LogLevel.ERROR, None, None, "x", repeated=(642, 5.0)).json_line())
        self.assertEqual(value["repeated"], {"count": 642, "seconds": 5.0})
        self.assertNotIn("repeated", json.loads(LogEntry(LogLevel.ERROR, None, None, "x").json_line()))

    def test_error(self) -> None:
        error = ConnectionException(None, "NO_RESPONSE", "db down")
        value = json.loads(LogEntry(LogLevel.ERROR, None, error, "failed", time=WHEN).json_line())
        self.assertEqual(value["level"], "ERROR")
        self.assertIsNone(value["correlation_id"])
        self.assertEqual(value["error"], {"type": "ConnectionException", "code": "NO_RESPONSE", "message": "db down"})
        value = json.loads(LogEntry(LogLevel.ERROR, None, KeyError("k"), "failed").json_line())
        self.assertEqual(value["error"]["type"], "KeyError")
        self.assertIsNone(value["error"]["code"])


class FormatMessageTests(SynchronousTestCase):
    def test_percent_formatting(self) -> None:
        self.assertEqual(format_message("Opened %s on port %d", ("db", 5432)), "Opened db on port 5432")
        self.assertEqual(format_message("100% sure", ()), "100% sure")

    def test_mismatch_never_raises(self) -> None:
        self.assertEqual(format_message("no placeholders", ("a", 1)), "no placeholders a 1")
        self.assertEqual(format_message("%d items", ("many",)), "%d items many")
        self.assertEqual(format_message(42, ()), "42")
