"""capture_logs and CapturedLogs: entries from twisted.logger events, and assertions that can fail."""

from __future__ import annotations

import io

from twisted.logger import Logger, LogPublisher
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import ConflictException
from pipservices_tx.logs import CompositeLogger, ConsoleLogger, LogEntry, LogLevel
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import CapturedLogs, assert_logged, capture_logs, entry_matches


def console(level: LogLevel = LogLevel.TRACE) -> ConsoleLogger:
    return ConsoleLogger(level, stdout=io.StringIO(), stderr=io.StringIO())


class CaptureTests(SynchronousTestCase):
    def test_captures_the_entries_console_loggers_publish(self) -> None:
        logger = console()
        with capture_logs() as logs:
            logger.info("c-1", "Created %s", "b1")
            logger.warn(None, "Running low")
        self.assertEqual([(e.level, e.correlation_id, e.message) for e in logs],
                         [(LogLevel.INFO, "c-1", "Created b1"), (LogLevel.WARN, None, "Running low")])
        self.assertIsInstance(logs[0], LogEntry)
        self.assertEqual(len(logs), 2)

    def test_ignores_events_without_an_entry_and_stops_at_the_end_of_the_block(self) -> None:
        with capture_logs() as logs:
            Logger().info("a plain twisted event")
        console().info(None, "after the block")
        self.assertEqual(list(logs), [])

    def test_a_composite_logger_reaches_the_capture_with_its_component(self) -> None:
        references = References.from_tuples(Descriptor("pip-services", "logger", "console", "default", "1.0"),
                                            console())
        logger = CompositeLogger(references, component="beacons-controller")
        with capture_logs() as logs:
            logger.debug("c-2", "Looked up %d beacons", 3)
        logs.assert_logged("debug", "Looked up 3 beacons", correlation_id="c-2", component="beacons-controller")

    def test_another_publisher(self) -> None:
        publisher = LogPublisher()
        entry = LogEntry(LogLevel.ERROR, None, None, "Broken")
        with capture_logs(publisher) as logs:
            Logger(observer=publisher).info("ignored", pips_entry="not an entry")
            Logger(observer=publisher).error("{x}", pips_entry=entry)
        self.assertEqual(list(logs), [entry])

    def test_the_entry_keeps_its_error(self) -> None:
        logger = console()
        error = ConflictException("c-3", "DUPLICATE", "Already there")
        with capture_logs() as logs:
            logger.error("c-3", error, "Failed to create")
        self.assertIs(logs.assert_logged("error", "Failed to create").error, error)
        self.flushLoggedErrors(ConflictException)

    def test_the_level_of_the_logger_decides_what_is_published(self) -> None:
        with capture_logs() as logs:
            console(LogLevel.INFO).debug(None, "Too chatty")
        logs.assert_not_logged()


def captured(*entries: LogEntry) -> CapturedLogs:
    logs = CapturedLogs()
    for entry in entries:
        logs({"pips_entry": entry})
    return logs


INFO = LogEntry(LogLevel.INFO, "c-1", None, "Beacon b1 created", component="controller")
TRACE = LogEntry(LogLevel.TRACE, None, None, "Executing v1/beacons.create_beacon method")


class AssertionTests(SynchronousTestCase):
    def test_assert_logged_returns_the_first_match(self) -> None:
        logs = captured(TRACE, INFO)
        self.assertIs(logs.assert_logged(LogLevel.INFO, "created"), INFO)
        self.assertIs(logs.assert_logged("INFO", "b1", correlation_id="c-1", component="controller"), INFO)
        self.assertIs(logs.assert_logged(6), TRACE)
        self.assertIs(logs.assert_logged(None, "Executing"), TRACE)

    def test_assert_logged_fails_when_the_message_is_absent(self) -> None:
        error = self.assertRaises(AssertionError, captured(INFO, TRACE).assert_logged, "info", "deleted")
        message = str(error)
        self.assertIn("Expected an entry with level INFO, message containing 'deleted'; logged:", message)
        self.assertIn("[c-1:INFO:", message)
        self.assertIn("Beacon b1 created", message)

    def test_assert_logged_fails_on_the_wrong_level_correlation_id_or_component(self) -> None:
        logs = captured(INFO)
        self.assertRaises(AssertionError, logs.assert_logged, "warn", "created")
        self.assertRaises(AssertionError, logs.assert_logged, "info", "created", correlation_id="c-2")
        self.assertRaises(AssertionError, logs.assert_logged, "info", "created", component="service")

    def test_assert_logged_on_nothing_says_so(self) -> None:
        error = self.assertRaises(AssertionError, CapturedLogs().assert_logged, None)
        self.assertIn("Expected any entry; logged:\n  (nothing)", str(error))

    def test_a_long_capture_shows_the_latest_entries(self) -> None:
        logs = captured(*[LogEntry(LogLevel.INFO, None, None, f"line {i}") for i in range(40)])
        message = str(self.assertRaises(AssertionError, logs.assert_logged, "error"))
        self.assertIn("... 10 earlier entries", message)
        self.assertIn("line 39", message)
        self.assertNotIn("line 9\n", message)

    def test_assert_not_logged(self) -> None:
        logs = captured(INFO)
        logs.assert_not_logged("error")
        logs.assert_not_logged("info", "deleted")
        error = self.assertRaises(AssertionError, logs.assert_not_logged, "info")
        self.assertIn("Expected no entry with level INFO; found:", str(error))
        self.assertIn("Beacon b1 created", str(error))

    def test_an_unknown_level_is_a_mistake_not_a_mismatch(self) -> None:
        self.assertRaises(ValueError, captured(INFO).assert_logged, "loud", "created")
        self.assertTrue(entry_matches(LogEntry(LogLevel.NONE, None, None, "x"), "none"))

    def test_matching_messages_and_clear(self) -> None:
        logs = captured(TRACE, INFO)
        self.assertEqual(logs.matching(message="b1"), [INFO])
        self.assertEqual(logs.messages("trace"), [TRACE.message])
        self.assertEqual(logs[-1:], [INFO])
        logs.clear()
        self.assertEqual(len(logs), 0)

    def test_the_function_takes_any_sequence(self) -> None:
        self.assertIs(assert_logged([TRACE, INFO], "info", "created"), INFO)
        self.assertRaises(AssertionError, assert_logged, [TRACE], "info")
        logs = captured(INFO)
        self.assertIs(assert_logged(logs, "info"), INFO)
