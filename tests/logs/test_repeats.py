"""Repeated errors: one line, then a count, on a fake clock."""

from __future__ import annotations

import io
import json
import os
from typing import Any

from twisted.internet.defer import fail
from twisted.internet.testing import MemoryReactorClock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from examples.beacons.persistence import BeaconsMemoryPersistence
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException
from pipservices_tx.lifecycle import IClosable
from pipservices_tx.logs import ConsoleLogger, LogEntry, LogLevel, RepeatedEntries
from pipservices_tx.testing import ContainerHarness


def outage_error() -> ConnectionException:
    return ConnectionException(None, "CONNECTION_LOST", "Lost the connection to PostgreSQL at db:5432/app")


class ConsoleRepeatsTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = MemoryReactorClock()
        self.out, self.err = io.StringIO(), io.StringIO()
        self.logger = ConsoleLogger(LogLevel.TRACE, stdout=self.out, stderr=self.err)
        self.logger.set_reactor(self.clock)
        # Entries with an error reach twisted.logger as failures, which trial reports unless flushed.
        self.addCleanup(self.flushLoggedErrors, ConnectionException)

    def lines(self) -> list[str]:
        return self.err.getvalue().splitlines()

    def test_an_outage_costs_a_line_per_window(self) -> None:
        verifyObject(IClosable, self.logger)
        for second in range(12):  # 650 failed calls a second for 12 s
            for n in range(650):
                self.logger.error(f"c-{second}-{n}", outage_error(), "Failed to execute %s method", "v1/beacons.get")
            self.clock.advance(1)
        self.logger.close(None)
        lines = self.lines()
        self.assertEqual(len(lines), 6, lines)
        self.assertTrue(all("Failed to execute v1/beacons.get method: Lost the connection" in line for line in lines))
        self.assertIn("[c-0-0:ERROR:", lines[0])
        self.assertTrue(lines[1].endswith("(repeated 3249 times in 5 s)"), lines[1])  # the rest of seconds 0 to 4
        self.assertIn("[c-4-649:ERROR:", lines[1], "the count is on the last repeat's line")
        self.assertIn("[c-5-0:ERROR:", lines[2])
        self.assertTrue(lines[3].endswith("(repeated 3249 times in 5 s)"), lines[3])
        self.assertIn("[c-10-0:ERROR:", lines[4])
        self.assertTrue(lines[5].endswith("(repeated 1299 times in 5 s)"), lines[5])  # at close

    def test_different_errors_and_lower_levels_are_all_written(self) -> None:
        self.logger.error("a", outage_error(), "Failed to execute %s method", "one")
        self.logger.error("b", outage_error(), "Failed to execute %s method", "two")
        self.logger.error("c", ConnectionException(None, "TIMEOUT", "no answer"), "Failed to execute %s method", "one")
        for _ in range(3):
            self.logger.info(None, "Served")
        self.assertEqual(len(self.lines()), 3)
        self.assertEqual(len(self.out.getvalue().splitlines()), 3)

    def test_the_count_comes_with_the_next_entry_after_the_window(self) -> None:
        self.logger.warn("a", "Cache cannot read %s", "k")
        self.logger.warn("b", "Cache cannot read %s", "k")
        self.clock.advance(5)
        self.logger.info(None, "something else")
        written = self.out.getvalue().splitlines()
        self.assertEqual(len(written), 3)
        self.assertTrue(written[1].startswith("[b:WARN:") and written[1].endswith("(repeated once in 5 s)"))
        self.assertTrue(written[2].endswith("something else"))

    def test_json_lines_carry_the_count(self) -> None:
        self.logger.configure(ConfigParams.from_tuples("options.format", "json", "options.repeat_window", 2000))
        for n in range(5):
            self.logger.error(str(n), outage_error(), "Failed")
        self.clock.advance(2)
        self.logger.error("5", outage_error(), "Failed")
        values = [json.loads(line) for line in self.lines()]
        self.assertEqual([value.get("repeated") for value in values], [None, {"count": 4, "seconds": 2.0}, None])
        self.assertEqual([value["correlation_id"] for value in values], ["0", "4", "5"])

    def test_a_window_of_zero_writes_every_entry(self) -> None:
        self.logger.configure(ConfigParams.from_tuples("options.repeat_window", 0))
        for n in range(5):
            self.logger.error(str(n), outage_error(), "Failed")
        self.assertEqual(len(self.lines()), 5)


class RepeatedEntriesTests(SynchronousTestCase):
    def test_bounded_windows(self) -> None:
        clock = MemoryReactorClock()
        repeats = RepeatedEntries(5.0, clock.seconds)
        for n in range(1500):
            self.assertEqual(len(repeats.admit(LogEntry(LogLevel.ERROR, None, None, f"error {n}"))), 1)
        self.assertLessEqual(len(repeats._windows), 1000)
        self.assertEqual(repeats.flush(), [], "nothing repeated, nothing to count")


class OutageInTheServiceTests(SynchronousTestCase):
    """The beacons service with its database away: hundreds of 503s, a few ERROR lines."""

    def test_503s_of_an_outage(self) -> None:
        class AwayPersistence(BeaconsMemoryPersistence):
            def get_page_by_filter(self, correlation_id: Any, *args: Any, **kwargs: Any) -> Any:
                return fail(ConnectionException(correlation_id, "CONNECTION_LOST",
                                                "Lost the connection to PostgreSQL at db:5432/app: server closed\n"
                                                "\tthe connection unexpectedly"))

        config = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "beacons", "config.yml")
        harness = ContainerHarness.from_file(config, {"LOG_LEVEL": "info"},
                                             replace={"beacons:persistence:*:*:1.0": AwayPersistence}).start(self)
        self.addCleanup(self.flushLoggedErrors, ConnectionException)
        for _ in range(10):
            for n in range(65):
                status, _ = self.successResultOf(harness.call_command("v1/beacons", "get_beacons", {}, f"c{n}"))
                self.assertEqual(status, 503)
            harness.advance(1)
        self.successResultOf(harness.close())
        errors = [line for line in harness.console.getvalue().splitlines() if ":ERROR:" in line]
        self.assertEqual(len(errors), 4, errors)  # a first line and a count per 5 s window
        self.assertTrue(errors[1].endswith("(repeated 324 times in 5 s)"), errors[1])
        self.assertTrue(all(line.startswith("[c") for line in errors), "no line without its prefix")
        self.assertIn("server closed\\n\tthe connection", errors[0])
