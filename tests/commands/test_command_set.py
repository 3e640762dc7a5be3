"""Tests for L{pipservices_tx.commands.CommandSet}."""

from __future__ import annotations

from twisted.internet.defer import Deferred
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.commands import Command, CommandSet, Event, ICommand, ICommandable, IEventListener
from pipservices_tx.errors import BadRequestException, InvocationException

from ._fakes import FakeSchema, Recorder


@implementer(ICommandable)
class BeaconsController:
    """A small commandable controller, as the logic layer writes them."""

    def __init__(self) -> None:
        self.beacons: dict[str, dict] = {}
        self._commands = CommandSet()
        self._commands.add_command(Command("get_beacon_by_id", FakeSchema("id"), self._get))
        self._commands.add_command(Command("create_beacon", FakeSchema("beacon"), self._create))
        self._commands.add_event(Event("beacon_created"))

    def get_command_set(self) -> CommandSet:
        return self._commands

    def _get(self, correlation_id, args):
        return self.beacons.get(args["id"])

    async def _create(self, correlation_id, args):
        beacon = dict(args["beacon"])
        self.beacons[beacon["id"]] = beacon
        await self._commands.notify(correlation_id, "beacon_created", {"beacon": beacon})
        return beacon


@implementer(IEventListener)
class Listener:
    def __init__(self) -> None:
        self.events: list = []

    def on_event(self, correlation_id, event, args) -> None:
        self.events.append((correlation_id, event.name, args))


class CommandableTests(SynchronousTestCase):
    def test_controller_provides_icommandable(self) -> None:
        controller = BeaconsController()
        self.assertTrue(verifyObject(ICommandable, controller))
        for command in controller.get_command_set().commands:
            self.assertTrue(verifyObject(ICommand, command))

    def test_execute_through_the_command_set(self) -> None:
        controller = BeaconsController()
        listener = Listener()
        commands = controller.get_command_set()
        commands.add_listener(listener)
        created = self.successResultOf(commands.execute("cid", "create_beacon", {"beacon": {"id": "1", "udi": "u"}}))
        self.assertEqual(created, {"id": "1", "udi": "u"})
        self.assertEqual(self.successResultOf(commands.execute("cid", "get_beacon_by_id", {"id": "1"})), created)
        self.assertEqual(listener.events, [("cid", "beacon_created", {"beacon": created})])


class CommandSetTests(SynchronousTestCase):
    def test_find_and_list(self) -> None:
        commands = CommandSet()
        first, second = Command("a", None, Recorder()), Command("b", None, Recorder())
        commands.add_commands([first, second])
        event = Event("changed")
        commands.add_events([event])
        self.assertEqual(commands.commands, [first, second])
        self.assertIs(commands.find_command("b"), second)
        self.assertIsNone(commands.find_command("c"))
        self.assertEqual(commands.events, [event])
        self.assertIs(commands.find_event("changed"), event)
        self.assertIsNone(commands.find_event("other"))

    def test_lists_are_copies(self) -> None:
        commands = CommandSet()
        commands.commands.append(Command("a", None, Recorder()))
        commands.events.append(Event("e"))
        self.assertEqual((commands.commands, commands.events), ([], []))

    def test_same_name_replaces(self) -> None:
        commands = CommandSet()
        old, new = Command("a", None, Recorder("old")), Command("a", None, Recorder("new"))
        commands.add_command(old)
        commands.add_command(Command("b", None, Recorder()))
        commands.add_command(new)
        self.assertEqual([c.name for c in commands.commands], ["a", "b"])
        self.assertEqual(self.successResultOf(commands.execute(None, "a", {})), "new")

    def test_execute_passes_correlation_id_and_args(self) -> None:
        function = Recorder(42)
        commands = CommandSet()
        commands.add_command(Command("a", None, function))
        self.assertEqual(self.successResultOf(commands.execute("cid", "a", {"x": 1})), 42)
        self.assertEqual(function.calls, [("cid", {"x": 1})])

    def test_execute_is_asynchronous_when_the_command_is(self) -> None:
        pending: Deferred = Deferred()
        commands = CommandSet()
        commands.add_command(Command("a", None, lambda cid, args: pending))
        result = commands.execute("cid", "a", {})
        self.assertNoResult(result)
        pending.callback("late")
        self.assertEqual(self.successResultOf(result), "late")

    def test_unknown_command_is_a_failed_deferred(self) -> None:
        result = CommandSet().execute("cid", "nope", {})
        error = self.failureResultOf(result, BadRequestException).value
        self.assertEqual(error.code, "CMD_NOT_FOUND")
        self.assertEqual(error.status, 400)
        self.assertEqual(error.correlation_id, "cid")
        self.assertEqual(error.details, {"command": "nope"})
        self.assertIn("nope", error.message)

    def test_invalid_arguments_do_not_run_the_command(self) -> None:
        function = Recorder()
        commands = CommandSet()
        commands.add_command(Command("create", FakeSchema("beacon"), function))
        error = self.failureResultOf(commands.execute("cid", "create", {}), BadRequestException).value
        self.assertEqual(error.code, "INVALID_DATA")
        self.assertEqual(function.calls, [])

    def test_custom_command_raising_synchronously(self) -> None:
        @implementer(ICommand)
        class Raw:
            name = "raw"
            schema = None

            def execute(self, correlation_id, args):
                raise ValueError("raw broke")

            def validate(self, args):
                return []

        commands = CommandSet()
        commands.add_command(Raw())
        error = self.failureResultOf(commands.execute("cid", "raw", {}), InvocationException).value
        self.assertEqual((error.code, error.correlation_id), ("EXEC_FAILED", "cid"))

    def test_validate(self) -> None:
        commands = CommandSet()
        commands.add_command(Command("create", FakeSchema("beacon"), Recorder()))
        self.assertEqual(commands.validate("create", {"beacon": {}}), [])
        self.assertEqual(commands.validate("create", {}), ["beacon is required"])

    def test_add_command_set_merges(self) -> None:
        base = CommandSet()
        base.add_command(Command("a", None, Recorder("base a")))
        base.add_command(Command("b", None, Recorder("base b")))
        base.add_event(Event("changed"))
        derived = CommandSet()
        derived.add_command(Command("c", None, Recorder("derived c")))
        derived.add_command_set(base)
        derived.add_command(Command("b", None, Recorder("derived b")))
        self.assertEqual([c.name for c in derived.commands], ["c", "a", "b"])
        self.assertEqual([e.name for e in derived.events], ["changed"])
        self.assertEqual(self.successResultOf(derived.execute(None, "a", {})), "base a")
        self.assertEqual(self.successResultOf(derived.execute(None, "b", {})), "derived b")
        self.assertEqual(self.successResultOf(base.execute(None, "b", {})), "base b")
        self.assertIsNone(base.find_command("c"))


class CommandSetEventTests(SynchronousTestCase):
    def test_notify_reaches_listeners_of_that_event_only(self) -> None:
        commands = CommandSet()
        commands.add_events([Event("created"), Event("deleted")])
        created = Listener()
        commands.find_event("created").add_listener(created)
        self.successResultOf(commands.notify("cid", "deleted", {}))
        self.assertEqual(created.events, [])
        self.successResultOf(commands.notify("cid", "created", {"id": "1"}))
        self.assertEqual(created.events, [("cid", "created", {"id": "1"})])

    def test_set_listener_hears_every_event_even_later_ones(self) -> None:
        commands = CommandSet()
        commands.add_event(Event("created"))
        listener = Listener()
        commands.add_listener(listener)
        commands.add_listener(listener)
        commands.add_event(Event("deleted"))
        self.successResultOf(commands.notify("c1", "created", None))
        self.successResultOf(commands.notify("c2", "deleted", {"id": "1"}))
        self.assertEqual(listener.events, [("c1", "created", {}), ("c2", "deleted", {"id": "1"})])

    def test_remove_listener(self) -> None:
        commands = CommandSet()
        commands.add_event(Event("created"))
        listener = Listener()
        commands.add_listener(listener)
        commands.remove_listener(listener)
        commands.add_event(Event("deleted"))
        self.successResultOf(commands.notify("cid", "created", {}))
        self.successResultOf(commands.notify("cid", "deleted", {}))
        self.assertEqual(listener.events, [])

    def test_unknown_event_is_a_failed_deferred(self) -> None:
        error = self.failureResultOf(CommandSet().notify("cid", "nope", {}), BadRequestException).value
        self.assertEqual((error.code, error.correlation_id, error.details), ("EVENT_NOT_FOUND", "cid", {"event": "nope"}))

    def test_merged_events_keep_their_listeners(self) -> None:
        base = CommandSet()
        base.add_event(Event("created"))
        base_listener, derived_listener = Listener(), Listener()
        base.add_listener(base_listener)
        derived = CommandSet()
        derived.add_listener(derived_listener)
        derived.add_command_set(base)
        self.successResultOf(derived.notify("cid", "created", {}))
        self.assertEqual(len(base_listener.events), 1)
        self.assertEqual(len(derived_listener.events), 1)
