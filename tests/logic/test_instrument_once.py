"""A controller behind a commandable service: one set of counters and one error line per call."""

from __future__ import annotations

from typing import Any, Optional

from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.commands import Command, CommandSet, caller_instruments, take_caller_instruments
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import InternalException
from pipservices_tx.logic import CommandableController
from pipservices_tx.logs import LogLevel
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import CommandableHttpService

from ._support import observed_references

CONTROLLER = Descriptor("test", "controller", "default", "default", "1.0")


class _Things(CommandableController):
    controller_name = "things"

    def make_command_set(self) -> CommandSet:
        commands = CommandSet()
        commands.add_command(Command("echo", None, lambda correlation_id, args: args))
        commands.add_command(Command("crash", None, self._crash))
        return commands

    def _crash(self, correlation_id: Optional[str], args: Any) -> Any:
        raise InternalException(correlation_id, "BOOM", "it broke")


class InstrumentOnceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.controller = _Things()
        self.service = CommandableHttpService("v1/things")
        self.service.configure(ConfigParams.from_tuples("dependencies.controller", "test:controller:*:*:1.0"))
        self.references, self.logger, self.counters = observed_references(CONTROLLER, self.controller)
        for component in (self.controller, self.service, self.counters):
            component.set_reactor(Clock())
        self.controller.set_references(self.references)
        self.service.set_references(self.references)
        self.http = StubTreq(self.service.resource())

    def post(self, command: str) -> int:
        response = self.successResultOf(self.http.post(f"http://test/v1/things/{command}", data=b"{}"))
        self.successResultOf(response.content())
        return int(response.code)

    def exec_counts(self) -> dict[str, Optional[int]]:
        return {c.name: c.count for c in self.counters.get_all() if c.name.endswith(".exec_count")}

    def test_one_exec_count_per_call(self) -> None:
        self.assertEqual(self.post("echo"), 200)
        self.assertEqual(self.exec_counts(), {"v1/things.echo.exec_count": 1})

    def test_one_error_count_and_one_error_line_per_failed_call(self) -> None:
        self.assertEqual(self.post("crash"), 500)
        errors = {c.name: c.count for c in self.counters.get_all() if c.name.endswith(".exec_errors")}
        self.assertEqual(errors, {"v1/things.crash.exec_errors": 1})
        self.assertEqual(self.exec_counts(), {"v1/things.crash.exec_count": 1})
        error_lines = [e for e in self.logger.entries if e.level <= LogLevel.ERROR]
        self.assertEqual(len(error_lines), 1, [e.message for e in error_lines])

    def test_a_direct_call_is_still_counted_by_the_controller(self) -> None:
        self.successResultOf(self.controller.get_command_set().execute("c1", "echo", {}))
        self.assertEqual(self.exec_counts(), {"things.echo.exec_count": 1})


class CallerInstrumentsTests(SynchronousTestCase):
    def test_the_mark_is_taken_once_and_only_inside(self) -> None:
        self.assertFalse(take_caller_instruments())
        with caller_instruments():
            self.assertTrue(take_caller_instruments())
            self.assertFalse(take_caller_instruments())
        self.assertFalse(take_caller_instruments())
