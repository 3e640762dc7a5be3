"""Tests for NullLogger, ConsoleLogger, CompositeLogger and the twisted.logger events they publish."""

from __future__ import annotations

import io
import json
import re
import sys
from typing import Any, Optional

from twisted.logger import LogLevel as TwistedLogLevel
from twisted.logger import capturedLogs
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import ConfigException, ConnectionException
from pipservices_tx.info import ContextInfo
from pipservices_tx.logs import (
    LOGGER_LOCATOR,
    CompositeLogger,
    ConsoleLogger,
    ILogger,
    LogEntry,
    Logger,
    LogLevel,
    NullLogger,
    route_console_to_twisted,
)
from pipservices_tx.refer import Descriptor, IReferenceable, References

LINE = re.compile(r"^\[(?P<corr>[^:]+):(?P<level>[A-Z]+):\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] (?P<msg>.*)$")


def _lines(stream: io.StringIO) -> list[str]:
    return stream.getvalue().splitlines()


class MemoryLogger(Logger):
    """Keeps the entries it is given."""

    def __init__(self, level: LogLevel = LogLevel.TRACE) -> None:
        super().__init__(level)
        self.entries: list[LogEntry] = []

    def _write(self, entry: LogEntry) -> None:
        self.entries.append(entry)


@implementer(ILogger)
class ForeignLogger:
    """An ILogger that is not a Logger subclass."""

    level = LogLevel.DEBUG

    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def log(self, level: LogLevel, correlation_id: Optional[str], error: Optional[BaseException],
            message: str, *args: Any) -> None:
        self.calls.append((level, correlation_id, error, message % args))

    def fatal(self, correlation_id: Optional[str], error: Optional[BaseException], message: str, *args: Any) -> None:
        self.log(LogLevel.FATAL, correlation_id, error, message, *args)

    def error(self, correlation_id: Optional[str], error: Optional[BaseException], message: str, *args: Any) -> None:
        self.log(LogLevel.ERROR, correlation_id, error, message, *args)

    def warn(self, correlation_id: Optional[str], message: str, *args: Any) -> None:
        self.log(LogLevel.WARN, correlation_id, None, message, *args)

    def info(self, correlation_id: Optional[str], message: str, *args: Any) -> None:
        self.log(LogLevel.INFO, correlation_id, None, message, *args)

    def debug(self, correlation_id: Optional[str], message: str, *args: Any) -> None:
        self.log(LogLevel.DEBUG, correlation_id, None, message, *args)

    def trace(self, correlation_id: Optional[str], message: str, *args: Any) -> None:
        self.log(LogLevel.TRACE, correlation_id, None, message, *args)


class InterfaceTests(SynchronousTestCase):
    def test_verify(self) -> None:
        for logger in (NullLogger(), ConsoleLogger(), CompositeLogger(), MemoryLogger(), ForeignLogger()):
            self.assertTrue(verifyObject(ILogger, logger))
        for logger in (NullLogger(), ConsoleLogger(), CompositeLogger()):
            self.assertTrue(verifyObject(IConfigurable, logger))
            self.assertTrue(verifyObject(IReferenceable, logger))


class LoggerBaseTests(SynchronousTestCase):
    def test_level_filtering(self) -> None:
        logger = MemoryLogger(LogLevel.WARN)
        logger.error("c", None, "e")
        logger.warn("c", "w")
        logger.info("c", "i")
        logger.debug("c", "d")
        logger.log(LogLevel.NONE, "c", None, "never")
        self.assertEqual([(e.level, e.message) for e in logger.entries],
                         [(LogLevel.ERROR, "e"), (LogLevel.WARN, "w")])

    def test_every_method(self) -> None:
        logger = MemoryLogger()
        error = ValueError("v")
        logger.fatal("c", error, "f %s", 1)
        logger.error("c", None, "e %s", 2)
        logger.warn("c", "w %s", 3)
        logger.info("c", "i %s", 4)
        logger.debug("c", "d %s", 5)
        logger.trace(None, "t %s", 6)
        self.assertEqual(
            [(e.level, e.correlation_id, e.message) for e in logger.entries],
            [(LogLevel.FATAL, "c", "f 1"), (LogLevel.ERROR, "c", "e 2"), (LogLevel.WARN, "c", "w 3"),
             (LogLevel.INFO, "c", "i 4"), (LogLevel.DEBUG, "c", "d 5"), (LogLevel.TRACE, None, "t 6")],
        )
        self.assertIs(logger.entries[0].error, error)

    def test_configure(self) -> None:
        logger = MemoryLogger(LogLevel.INFO)
        logger.configure(ConfigParams.from_tuples("level", "debug", "source", "svc"))
        self.assertEqual((logger.level, logger.source), (LogLevel.DEBUG, "svc"))
        error = self.assertRaises(ConfigException, logger.configure, ConfigParams.from_tuples("level", "nonsense"))
        self.assertEqual((error.code, error.details["key"]), ("BAD_VALUE", "level"))
        self.assertEqual(logger.level, LogLevel.DEBUG)
        logger.configure(ConfigParams.from_tuples("level", 2))
        self.assertEqual(logger.level, LogLevel.ERROR)

    def test_source_from_context_info(self) -> None:
        logger = MemoryLogger()
        logger.set_references(References.from_tuples(
            Descriptor("pip-services", "context-info", "default", "default", "1.0"), ContextInfo("beacons"),
        ))
        logger.info(None, "hello")
        self.assertEqual(logger.entries[0].source, "beacons")
        configured = MemoryLogger()
        configured.configure(ConfigParams.from_tuples("source", "mine"))
        configured.set_references(References.from_tuples(
            Descriptor("pip-services", "context-info", "default", "default", "1.0"), ContextInfo("beacons"),
        ))
        self.assertEqual(configured.source, "mine")


class NullLoggerTests(SynchronousTestCase):
    def test_writes_nothing(self) -> None:
        logger = NullLogger()
        self.assertEqual(logger.level, LogLevel.NONE)
        logger.configure(ConfigParams.from_tuples("level", "trace"))
        self.assertEqual(logger.level, LogLevel.NONE)
        with capturedLogs() as events:
            logger.fatal(None, ValueError("x"), "boom")
            logger.info(None, "hello")
        self.assertEqual(list(events), [])


class ConsoleLoggerTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.out, self.err = io.StringIO(), io.StringIO()
        self.logger = ConsoleLogger(LogLevel.DEBUG, stdout=self.out, stderr=self.err)

    def test_lines_and_streams(self) -> None:
        self.logger.info("123", "Opened %s", "db")
        self.logger.warn(None, "slow")
        self.logger.debug(None, "details")
        self.logger.trace(None, "too detailed")
        self.logger.error("9", ConnectionException(None, "NO_RESPONSE", "db down"), "Failed")
        self.logger.fatal(None, None, "dying")
        out = [LINE.match(line) for line in _lines(self.out)]
        err = [LINE.match(line) for line in _lines(self.err)]
        self.assertEqual([m and (m["corr"], m["level"], m["msg"]) for m in out], [
            ("123", "INFO", "Opened db"), ("---", "WARN", "slow"), ("---", "DEBUG", "details"),
        ])
        self.assertEqual([m and (m["corr"], m["level"], m["msg"]) for m in err], [
            ("9", "ERROR", "Failed: db down"), ("---", "FATAL", "dying"),
        ])
        self.flushLoggedErrors(ConnectionException)

    def test_json_format(self) -> None:
        self.logger.configure(ConfigParams.from_tuples("options.format", "JSON", "level", "info"))
        self.logger.info("c", "hello")
        self.logger.debug("c", "filtered")
        lines = _lines(self.out)
        self.assertEqual(len(lines), 1)
        value = json.loads(lines[0])
        self.assertEqual((value["level"], value["message"], value["correlation_id"]), ("INFO", "hello", "c"))
        error = self.assertRaises(ConfigException, self.logger.configure,
                                  ConfigParams.from_tuples("options.format", "nonsense"))
        self.assertEqual(error.details["key"], "options.format")
        self.logger.configure(ConfigParams.from_tuples("options.format", "text"))
        self.assertEqual(self.logger.format, "text")

    def test_events_carry_fields(self) -> None:
        self.logger.source = "beacons"
        with capturedLogs() as events:
            self.logger.info("c7", "hello %s", "you")
        [event] = [e for e in events if "pips_entry" in e]
        self.assertEqual(event["correlation_id"], "c7")
        self.assertEqual(event["component"], "beacons")
        self.assertEqual(event["pips_level"], "INFO")
        self.assertIs(event["log_level"], TwistedLogLevel.info)
        self.assertEqual(event["log_namespace"], "pipservices_tx")
        self.assertTrue(event["pips_printed"])
        self.assertNotIn("log_failure", event)
        self.assertRegex(event["pips_message"], r"^\[c7:INFO:.*\] hello you$")

    def test_error_event_carries_the_failure(self) -> None:
        error = ConnectionException(None, "NO_RESPONSE", "db down")
        with capturedLogs() as events:
            self.logger.error(None, error, "Failed")
        [event] = [e for e in events if "pips_entry" in e]
        self.assertIs(event["log_level"], TwistedLogLevel.error)
        self.assertIs(event["log_failure"].value, error)
        self.assertEqual(len(self.flushLoggedErrors(ConnectionException)), 1)

    def test_default_streams_are_looked_up_when_writing(self) -> None:
        out, err = io.StringIO(), io.StringIO()
        self.patch(sys, "stdout", out)
        self.patch(sys, "stderr", err)
        logger = ConsoleLogger()
        logger.info(None, "to stdout")
        logger.error(None, None, "to stderr")
        self.assertIn("to stdout", out.getvalue())
        self.assertIn("to stderr", err.getvalue())

    def test_routed_to_twisted(self) -> None:
        out = io.StringIO()
        self.patch(sys, "stdout", out)
        route_console_to_twisted(True)
        self.addCleanup(route_console_to_twisted, False)
        with capturedLogs() as events:
            ConsoleLogger().info(None, "only an event")
        self.assertEqual(out.getvalue(), "")
        [event] = [e for e in events if "pips_entry" in e]
        self.assertFalse(event["pips_printed"])
        # An injected stream is still written to.
        injected = ConsoleLogger(stdout=self.out)
        injected.info(None, "printed")
        self.assertIn("printed", self.out.getvalue())


class CompositeLoggerTests(SynchronousTestCase):
    def _references(self, *loggers: Any) -> References:
        references = References()
        for index, logger in enumerate(loggers):
            references.put(Descriptor("pip-services", "logger", "test", str(index), "1.0"), logger)
        return references

    def test_forwards_to_every_logger_at_its_level(self) -> None:
        verbose, quiet, foreign = MemoryLogger(LogLevel.TRACE), MemoryLogger(LogLevel.WARN), ForeignLogger()
        composite = CompositeLogger(self._references(verbose, quiet, foreign), component="persistence")
        self.assertEqual(composite.level, LogLevel.TRACE)
        composite.debug("c", "debugging %d", 1)
        composite.warn("c", "warning")
        self.assertEqual([e.message for e in verbose.entries], ["debugging 1", "warning"])
        self.assertEqual([e.message for e in quiet.entries], ["warning"])
        self.assertEqual(verbose.entries[0].component, "persistence")
        self.assertEqual(foreign.calls, [(LogLevel.DEBUG, "c", None, "debugging 1"), (LogLevel.WARN, "c", None, "warning")])

    def test_level_is_the_most_detailed(self) -> None:
        composite = CompositeLogger(self._references(MemoryLogger(LogLevel.ERROR), MemoryLogger(LogLevel.INFO)))
        self.assertEqual(composite.level, LogLevel.INFO)
        self.assertEqual(CompositeLogger(References()).level, LogLevel.NONE)

    def test_no_loggers_writes_nothing(self) -> None:
        composite = CompositeLogger()
        with capturedLogs() as events:
            composite.info(None, "nowhere")
        self.assertEqual(list(events), [])

    def test_skips_other_composites_and_non_loggers(self) -> None:
        memory = MemoryLogger()
        references = self._references(memory, CompositeLogger(), object())
        composite = CompositeLogger(references)
        composite.info(None, "once")
        self.assertEqual([e.message for e in memory.entries], ["once"])

    def test_add_logger(self) -> None:
        composite = CompositeLogger()
        memory = MemoryLogger(LogLevel.DEBUG)
        composite.add_logger(memory)
        self.assertEqual(composite.level, LogLevel.DEBUG)
        composite.debug(None, "added")
        self.assertEqual([e.message for e in memory.entries], ["added"])

    def test_console_event_names_the_component(self) -> None:
        out = io.StringIO()
        console = ConsoleLogger(stdout=out)
        composite = CompositeLogger(self._references(console), component="controller")
        with capturedLogs() as events:
            composite.info("c", "through the composite")
        [event] = [e for e in events if "pips_entry" in e]
        self.assertEqual(event["component"], "controller")
        self.assertIn("through the composite", out.getvalue())

    def test_locator(self) -> None:
        self.assertTrue(LOGGER_LOCATOR.match(Descriptor.parse("pip-services:logger:console:default:1.0")))
        self.assertFalse(LOGGER_LOCATOR.match(Descriptor.parse("pip-services:counters:log:default:1.0")))
