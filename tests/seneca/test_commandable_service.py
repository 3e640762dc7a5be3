"""A controller behind a commandable seneca service: one set of counters and one error line per act."""

from __future__ import annotations

import json
from typing import Optional

from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.logs import LogLevel
from pipservices_tx.seneca import CommandableSenecaService

from ..logic._support import observed_references
from ..logic.test_instrument_once import CONTROLLER, _Things


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
