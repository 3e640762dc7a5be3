"""Tests for interceptors and L{pipservices_tx.commands.InterceptedCommand}."""

from __future__ import annotations

from twisted.internet.defer import Deferred
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.commands import Command, CommandSet, ICommand, ICommandInterceptor, InterceptedCommand
from pipservices_tx.errors import BadRequestException, InvocationException, NotFoundException

from ._fakes import FakeSchema, Recorder


@implementer(ICommandInterceptor)
class Tracer:
    """Logs into C{log} before and after the command, with its outcome."""

    def __init__(self, label: str, log: list) -> None:
        self.label = label
        self.log = log

    def get_name(self, command):
        return command.name

    def execute(self, correlation_id, command, args):
        self.log.append(f"{self.label}>{command.name}")

        def done(result):
            outcome = result.value.code if hasattr(result, "value") else result
            self.log.append(f"{self.label}<{outcome}")
            return result

        return command.execute(correlation_id, args).addBoth(done)

    def validate(self, command, args):
        self.log.append(f"{self.label}?{command.name}")
        return command.validate(args)


@implementer(ICommandInterceptor)
class Counter:
    """An C{async def} interceptor counting calls and errors, as the logic helpers will."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self.errors: dict[str, int] = {}

    def get_name(self, command):
        return command.name

    async def execute(self, correlation_id, command, args):
        self.calls[command.name] = self.calls.get(command.name, 0) + 1
        try:
            return await command.execute(correlation_id, args)
        except Exception:
            self.errors[command.name] = self.errors.get(command.name, 0) + 1
            raise

    def validate(self, command, args):
        return command.validate(args)


def _raise(error):
    def function(correlation_id, args):
        raise error

    return function


class InterceptorTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        log: list = []
        tracer = Tracer("t", log)
        self.assertTrue(verifyObject(ICommandInterceptor, tracer))
        self.assertTrue(verifyObject(ICommandInterceptor, Counter()))
        command = Command("a", FakeSchema("x"), Recorder())
        intercepted = InterceptedCommand(tracer, command)
        self.assertTrue(verifyObject(ICommand, intercepted))
        self.assertEqual(intercepted.name, "a")
        self.assertIs(intercepted.schema, command.schema)

    def test_first_added_runs_outermost(self) -> None:
        log: list = []

        def function(correlation_id, args):
            log.append("command")
            return "ok"

        commands = CommandSet()
        commands.add_command(Command("a", None, function))
        commands.add_interceptor(Tracer("first", log))
        commands.add_interceptor(Tracer("second", log))
        self.assertEqual(self.successResultOf(commands.execute("cid", "a", {})), "ok")
        self.assertEqual(log, ["first>a", "second>a", "command", "second<ok", "first<ok"])

    def test_interceptors_wrap_commands_added_later(self) -> None:
        log: list = []
        commands = CommandSet()
        commands.add_interceptor(Tracer("t", log))
        commands.add_command(Command("late", None, Recorder("ok")))
        self.successResultOf(commands.execute("cid", "late", {}))
        self.assertEqual(log, ["t>late", "t<ok"])
        listed = commands.commands[0]
        self.assertIsInstance(listed, InterceptedCommand)
        self.assertIs(commands.find_command("late"), listed)

    def test_validate_goes_through_interceptors(self) -> None:
        log: list = []
        commands = CommandSet()
        commands.add_command(Command("a", FakeSchema("x"), Recorder()))
        commands.add_interceptor(Tracer("first", log))
        commands.add_interceptor(Tracer("second", log))
        self.assertEqual(commands.validate("a", {}), ["x is required"])
        self.assertEqual(log, ["first?a", "second?a"])

    def test_interceptor_sees_failures_and_invalid_calls(self) -> None:
        counter = Counter()
        commands = CommandSet()
        commands.add_command(Command("ok", None, Recorder("fine")))
        commands.add_command(Command("broken", None, _raise(ValueError("broke"))))
        commands.add_command(Command("missing", None, _raise(NotFoundException(None, "GONE", "gone"))))
        commands.add_command(Command("strict", FakeSchema("x"), Recorder()))
        commands.add_interceptor(counter)
        self.assertEqual(self.successResultOf(commands.execute("cid", "ok", {})), "fine")
        self.failureResultOf(commands.execute("cid", "broken", {}), InvocationException)
        self.failureResultOf(commands.execute("cid", "missing", {}), NotFoundException)
        self.failureResultOf(commands.execute("cid", "strict", {}), BadRequestException)
        self.assertEqual(counter.calls, {"ok": 1, "broken": 1, "missing": 1, "strict": 1})
        self.assertEqual(counter.errors, {"broken": 1, "missing": 1, "strict": 1})

    def test_asynchronous_command_inside_async_interceptor(self) -> None:
        pending: Deferred = Deferred()
        counter = Counter()
        commands = CommandSet()
        commands.add_command(Command("slow", None, lambda cid, args: pending))
        commands.add_interceptor(counter)
        result = commands.execute("cid", "slow", {})
        self.assertNoResult(result)
        pending.callback("done")
        self.assertEqual(self.successResultOf(result), "done")
        self.assertEqual(counter.calls, {"slow": 1})

    def test_interceptor_own_error_is_made_portable(self) -> None:
        @implementer(ICommandInterceptor)
        class Broken:
            def get_name(self, command):
                return command.name

            def execute(self, correlation_id, command, args):
                raise RuntimeError("interceptor broke")

            def validate(self, command, args):
                return []

        commands = CommandSet()
        commands.add_command(Command("a", None, Recorder()))
        commands.add_interceptor(Broken())
        error = self.failureResultOf(commands.execute("cid", "a", {}), InvocationException).value
        self.assertEqual((error.code, error.correlation_id), ("EXEC_FAILED", "cid"))

    def test_interceptor_can_rename(self) -> None:
        @implementer(ICommandInterceptor)
        class Prefix:
            def get_name(self, command):
                return "v1." + command.name

            def execute(self, correlation_id, command, args):
                return command.execute(correlation_id, args)

            def validate(self, command, args):
                return command.validate(args)

        commands = CommandSet()
        commands.add_command(Command("a", None, Recorder("ok")))
        commands.add_interceptor(Prefix())
        self.assertEqual([c.name for c in commands.commands], ["v1.a"])
        self.assertEqual(self.successResultOf(commands.execute(None, "v1.a", {})), "ok")
