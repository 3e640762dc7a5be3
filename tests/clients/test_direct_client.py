"""DirectClient against an in-process ICommandable controller: same results, errors and metrics as a remote call."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.clients import DirectClient
from pipservices_tx.commands import Command, CommandSet, ICommandable
from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import (
    BadRequestException,
    ConnectionException,
    InvocationException,
    NotFoundException,
    ReferenceException,
    UnsupportedException,
)
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import LogLevel
from pipservices_tx.refer import Descriptor, IReferenceable, References

from .support import instrumentation

CONTROLLER = Descriptor("dummy", "controller", "default", "default", "1.0")
OTHER_CONTROLLER = Descriptor("dummy", "controller", "other", "default", "1.0")


@implementer(ICommandable)
class DummyController:
    def __init__(self, clock: Optional[Clock] = None) -> None:
        self.clock = clock
        self.pending: list[Deferred[Any]] = []
        self._commands = CommandSet()
        self._commands.add_command(Command("echo", None, lambda cid, args: {"args": args, "cid": cid}))
        self._commands.add_command(Command("nothing", None, lambda cid, args: None))
        self._commands.add_command(Command("missing", None, self._missing))
        self._commands.add_command(Command("slow", None, self._slow))

    def get_command_set(self) -> CommandSet:
        return self._commands

    def _missing(self, correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        raise NotFoundException(None, "NO_DUMMY", "no such dummy").with_details("id", args.get("id"))

    def _slow(self, correlation_id: Optional[str], args: dict[str, Any]) -> Deferred[Any]:
        d: Deferred[Any] = Deferred()
        self.pending.append(d)
        return d

    def divide(self, correlation_id: Optional[str], a: int, b: int) -> Deferred[float]:
        return succeed(a / b)

    async def add(self, correlation_id: Optional[str], a: int, b: int) -> int:
        return a + b


class DummyDirectClient(DirectClient):
    def __init__(self, clock: Optional[Clock] = None) -> None:
        super().__init__(CONTROLLER, "v1/dummy")
        if clock is not None:
            self.set_reactor(clock)

    def divide(self, correlation_id: Optional[str], a: int, b: int) -> Deferred[float]:
        return self._call("divide", correlation_id, self.controller.divide, correlation_id, a, b)

    def add(self, correlation_id: Optional[str], a: int, b: int) -> Deferred[int]:
        return self._call("add", correlation_id, self.controller.add, correlation_id, a, b)


def opened_client(controller: Any = None, clock: Optional[Clock] = None) -> tuple[DummyDirectClient, Any, Any]:
    references, logger, counters = instrumentation(clock)
    references.put(CONTROLLER, controller if controller is not None else DummyController())
    client = DummyDirectClient(clock)
    client.configure(ConfigParams())
    client.set_references(references)
    assert client.open(None).called
    return client, logger, counters


class DirectClientTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        client = DirectClient()
        verifyObject(IOpenable, client)
        verifyObject(IConfigurable, client)
        verifyObject(IReferenceable, client)

    def test_call_command_runs_the_controller_command(self) -> None:
        client, _, _ = opened_client()
        self.assertEqual(self.successResultOf(client.call_command("echo", "c1", {"x": 1})),
                         {"args": {"x": 1}, "cid": "c1"})
        self.assertEqual(self.successResultOf(client.call_command("echo", None, None)), {"args": {}, "cid": None})
        self.assertIsNone(self.successResultOf(client.call_command("nothing", "c", {})))

    def test_application_errors_pass_with_the_correlation_id(self) -> None:
        client, _, _ = opened_client()
        error = self.failureResultOf(client.call_command("missing", "c2", {"id": "5"}), NotFoundException).value
        self.assertEqual((error.code, error.correlation_id, error.details), ("NO_DUMMY", "c2", {"id": "5"}))

    def test_unknown_command_is_a_bad_request(self) -> None:
        client, _, _ = opened_client()
        error = self.failureResultOf(client.call_command("nope", "c", {}), BadRequestException).value
        self.assertEqual(error.code, "CMD_NOT_FOUND")

    def test_other_errors_become_invocation_exceptions(self) -> None:
        client, _, counters = opened_client()
        error = self.failureResultOf(client.divide("c3", 1, 0), InvocationException).value
        self.assertEqual(error.correlation_id, "c3")
        self.assertIsInstance(error.__cause__, ZeroDivisionError)
        self.assertEqual(counters.get("v1/dummy.divide.call_errors").count, 1)

    def test_typed_calls_may_return_values_deferreds_or_coroutines(self) -> None:
        client, _, _ = opened_client()
        self.assertEqual(self.successResultOf(client.divide(None, 6, 3)), 2.0)
        self.assertEqual(self.successResultOf(client.add(None, 2, 3)), 5)

    def test_instrumentation_matches_a_remote_call(self) -> None:
        clock = Clock()
        controller = DummyController()
        client, logger, counters = opened_client(controller, clock)
        d = client.call_command("slow", "c4", {})
        clock.advance(0.125)
        controller.pending[0].callback("done")
        self.assertEqual(self.successResultOf(d), "done")
        self.assertEqual(counters.get("v1/dummy.slow.call_count").count, 1)
        self.assertEqual(counters.get("v1/dummy.slow.call_time").last, 125.0)
        self.assertIsNone(counters.get("v1/dummy.slow.call_errors"))
        self.assertIn("Calling v1/dummy.slow", logger.messages(LogLevel.TRACE))

    def test_controller_locator_from_config(self) -> None:
        references, _, _ = instrumentation()
        first, other = DummyController(), DummyController()
        references.put(CONTROLLER, first)
        references.put(OTHER_CONTROLLER, other)
        client = DummyDirectClient()
        client.configure(ConfigParams.from_tuples("dependencies.controller", "dummy:controller:other:*:1.0"))
        client.set_references(references)
        self.assertIs(client.controller, other)

    def test_missing_controller_is_a_reference_error(self) -> None:
        client = DummyDirectClient()
        self.assertRaises(ReferenceException, client.set_references, References())

    def test_open_without_references_fails(self) -> None:
        client = DummyDirectClient()
        self.failureResultOf(client.open("c"), ConnectionException)
        self.assertFalse(client.is_open())

    def test_open_and_close(self) -> None:
        client, _, _ = opened_client()
        self.assertTrue(client.is_open())
        self.successResultOf(client.close(None))
        self.assertFalse(client.is_open())

    def test_controller_without_commands(self) -> None:
        client, _, _ = opened_client(object())
        error = self.failureResultOf(client.call_command("echo", "c", {}), UnsupportedException).value
        self.assertEqual(error.code, "NOT_COMMANDABLE")
