"""Tests for LogLevel: values, parsing, and the matching twisted.logger levels."""

from __future__ import annotations

from twisted.logger import LogLevel as TwistedLogLevel
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.logs import LogLevel


class LogLevelTests(SynchronousTestCase):
    def test_values(self) -> None:
        self.assertEqual(
            [(level.name, int(level)) for level in LogLevel],
            [("NONE", 0), ("FATAL", 1), ("ERROR", 2), ("WARN", 3), ("INFO", 4), ("DEBUG", 5), ("TRACE", 6)],
        )

    def test_parse_names_in_any_case(self) -> None:
        for level in LogLevel:
            self.assertIs(LogLevel.parse(level.name), level)
            self.assertIs(LogLevel.parse(level.name.lower()), level)
            self.assertIs(LogLevel.parse(level.name.capitalize()), level)
        self.assertIs(LogLevel.parse(" debug "), LogLevel.DEBUG)

    def test_parse_aliases(self) -> None:
        self.assertIs(LogLevel.parse("warning"), LogLevel.WARN)
        self.assertIs(LogLevel.parse("err"), LogLevel.ERROR)
        self.assertIs(LogLevel.parse("critical"), LogLevel.FATAL)

    def test_parse_numbers(self) -> None:
        self.assertIs(LogLevel.parse(5), LogLevel.DEBUG)
        self.assertIs(LogLevel.parse("0"), LogLevel.NONE)
        self.assertIs(LogLevel.parse(" 6 "), LogLevel.TRACE)
        self.assertIs(LogLevel.parse(LogLevel.ERROR), LogLevel.ERROR)

    def test_parse_junk_gives_the_default(self) -> None:
        for junk in (None, "", "loud", 7, -1, "99", True, 1.5, object()):
            self.assertIs(LogLevel.parse(junk), LogLevel.INFO, junk)
            self.assertIs(LogLevel.parse(junk, LogLevel.WARN), LogLevel.WARN, junk)

    def test_ordering(self) -> None:
        self.assertLess(LogLevel.ERROR, LogLevel.INFO)
        self.assertLess(LogLevel.DEBUG, LogLevel.TRACE)

    def test_to_twisted(self) -> None:
        self.assertIs(LogLevel.FATAL.to_twisted(), TwistedLogLevel.critical)
        self.assertIs(LogLevel.ERROR.to_twisted(), TwistedLogLevel.error)
        self.assertIs(LogLevel.WARN.to_twisted(), TwistedLogLevel.warn)
        self.assertIs(LogLevel.INFO.to_twisted(), TwistedLogLevel.info)
        self.assertIs(LogLevel.DEBUG.to_twisted(), TwistedLogLevel.debug)
        self.assertIs(LogLevel.TRACE.to_twisted(), TwistedLogLevel.debug)
