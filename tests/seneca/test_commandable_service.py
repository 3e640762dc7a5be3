"""A controller behind a commandable seneca service: one set of counters and one error line per act."""

from __future__ import annotations

import json
from typing import Optional

from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer

from pipservices_tx.commands import Command, CommandSet, ICommandable
from pipservices_tx.config import ConfigParams
from pipservices_tx.logs import LogLevel
from pipservices_tx.refer import Descriptor
from pipservices_tx.seneca import CommandableSenecaService

from ..logic._support import observed_references
from ..logic.test_instrument_once import CONTROLLER, _Things

RELAY = Descriptor("test", "relay", "default", "default", "1.0")


class InstrumentOnceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.controller = _Things()
        self.service = CommandableSenecaService("role:things")
        self.service.configure(ConfigParams.from_tuples("dependencies.controller", "test:controller:*:*:1.0"))
        self.references, self.logger, self.counters = observed_references(CONTROLLER, self.controller)
        for component in (self.controller, self.service, self.counters):
            component.set_reactor(Clock())
        self.controller.set_references(self.references)
        self.service.set_references(self.references)
        self.acts = StubTreq(self.service.resource())

    def act(self, command: str) -> int:
        body = json.dumps({"role": "things", "cmd": command}).encode()
        response = self.successResultOf(self.acts.post("http://test/act", data=body))
        self.successResultOf(response.content())
        return int(response.code)

    def counts(self, suffix: str) -> dict[str, Optional[int]]:
        return {c.name: c.count for c in self.counters.get_all() if c.name.endswith(suffix)}

    def test_one_exec_count_per_act(self) -> None:
        self.assertEqual(self.act("echo"), 200)
        self.assertEqual(self.counts(".exec_count"), {"things.echo.exec_count": 1})

    def test_one_error_line_and_count_per_failed_act(self) -> None:
        self.assertEqual(self.act("crash"), 500)
        self.assertEqual(self.counts(".exec_errors"), {"things.crash.exec_errors": 1})
        errors = [entry for entry in self.logger.entries if entry.level <= LogLevel.ERROR]
        self.assertEqual(len(errors), 1)


@implementer(ICommandable)
class _Relay:
    """Plain commands (no interceptor) that call a command of another controller."""

    def __init__(self, things: _Things) -> None:
        self.commands = CommandSet()
        self.commands.add_command(Command(
            "relay", None, lambda correlation_id, args: things.get_command_set().execute(correlation_id, "echo", args)))

    def get_command_set(self) -> CommandSet:
        return self.commands


class PlainCommandTests(SynchronousTestCase):
    """A plain command runs as it is: a command of another controller it calls counts itself."""

    def test_a_nested_command_is_counted_by_its_own_controller(self) -> None:
        things = _Things()
        references, _, counters = observed_references(CONTROLLER, things)
        references.put(RELAY, _Relay(things))
        service = CommandableSenecaService("role:relay")
        service.configure(ConfigParams.from_tuples("dependencies.controller", "test:relay:*:*:1.0"))
        for component in (things, service, counters):
            component.set_reactor(Clock())
        things.set_references(references)
        service.set_references(references)
        body = json.dumps({"role": "relay", "cmd": "relay", "x": 1}).encode()
        response = self.successResultOf(StubTreq(service.resource()).post("http://test/act", data=body))
        self.assertEqual(json.loads(self.successResultOf(response.content())), {"x": 1})
        self.assertEqual({c.name: c.count for c in counters.get_all() if c.name.endswith(".exec_count")},
                         {"relay.relay.exec_count": 1, "things.echo.exec_count": 1})
