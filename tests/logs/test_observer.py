"""Tests for PipsLogObserver, the observer twistd writes log files with."""

from __future__ import annotations

import io
import json

from twisted.logger import ILogObserver, Logger
from twisted.logger import LogLevel as TwistedLogLevel
from twisted.python.failure import Failure
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.logs import ConsoleLogger, LogEntry, LogLevel, PipsLogObserver, publish_entry


def _event_of(emit: object) -> dict:
    events: list[dict] = []
    logger = Logger(namespace="some.library", observer=events.append)
    emit(logger)  # type: ignore[operator]
    return events[0]


class PipsLogObserverTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.stream = io.StringIO()

    def test_interface(self) -> None:
        self.assertTrue(verifyObject(ILogObserver, PipsLogObserver(self.stream)))

    def test_twisted_event_as_text(self) -> None:
        event = _event_of(lambda log: log.warn("port {port} busy", port=80))
        PipsLogObserver(self.stream)(event)
        self.assertRegex(self.stream.getvalue(), r"^\[---:WARN:\d{4}-\d\d-\d\dT[\d:.]+Z\] port 80 busy\n$")

    def test_twisted_event_as_json(self) -> None:
        event = _event_of(lambda log: log.info("hello {who}", who="you"))
        PipsLogObserver(self.stream, "json")(event)
        value = json.loads(self.stream.getvalue())
        self.assertEqual((value["level"], value["message"], value["component"]), ("INFO", "hello you", "some.library"))

    def test_levels(self) -> None:
        observer = PipsLogObserver(self.stream, level=LogLevel.INFO)
        observer(_event_of(lambda log: log.debug("hidden")))
        observer(_event_of(lambda log: log.critical("critical")))
        observer(_event_of(lambda log: log.error("error")))
        self.assertEqual([line.split("] ")[0].split(":")[1] for line in self.stream.getvalue().splitlines()],
                         ["FATAL", "ERROR"])

    def test_failure_traceback_is_written(self) -> None:
        try:
            raise ValueError("exploded")
        except ValueError:
            failure = Failure()
        event = _event_of(lambda log: log.failure("while working", failure))
        PipsLogObserver(self.stream)(event)
        text = self.stream.getvalue()
        self.assertIn("while working", text)
        self.assertIn("ValueError: exploded", text)
        self.assertIn("Traceback", text)

    def test_pips_entries_keep_their_fields(self) -> None:
        entry = LogEntry(LogLevel.INFO, "c1", None, "from a component", "persistence", "beacons")
        events: list[dict] = []
        from twisted.logger import globalLogPublisher

        globalLogPublisher.addObserver(events.append)
        try:
            publish_entry(entry, "text", printed=False)
        finally:
            globalLogPublisher.removeObserver(events.append)
        PipsLogObserver(self.stream, "json")(events[0])
        value = json.loads(self.stream.getvalue())
        self.assertEqual(
            (value["correlation_id"], value["component"], value["source"], value["message"]),
            ("c1", "persistence", "beacons", "from a component"),
        )

    def test_printed_entries_are_skipped(self) -> None:
        out = io.StringIO()
        observer = PipsLogObserver(self.stream)
        from twisted.logger import globalLogPublisher

        globalLogPublisher.addObserver(observer)
        try:
            ConsoleLogger(stdout=out).info(None, "already printed")
        finally:
            globalLogPublisher.removeObserver(observer)
        self.assertIn("already printed", out.getvalue())
        self.assertEqual(self.stream.getvalue(), "")

    def test_json_entry_in_a_text_observer_stays_json(self) -> None:
        entry = LogEntry(LogLevel.WARN, None, None, "json logger")
        PipsLogObserver(self.stream)({
            "pips_entry": entry, "pips_format": "json", "pips_printed": False,
            "log_level": TwistedLogLevel.warn,
        })
        self.assertEqual(json.loads(self.stream.getvalue())["message"], "json logger")

    def test_flush(self) -> None:
        flushes: list[int] = []
        observer = PipsLogObserver(self.stream, flush=lambda: flushes.append(1))
        observer(_event_of(lambda log: log.info("x")))
        self.assertEqual(flushes, [1])
