"""Tests for L{pipservices_tx.commands.Command}."""

from __future__ import annotations

from twisted.internet.defer import CancelledError, Deferred, fail, succeed
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.commands import Command, ICommand
from pipservices_tx.errors import ApplicationException, BadRequestException, InvocationException, NotFoundException

from ._fakes import FakeSchema, Recorder


class CommandResultTests(SynchronousTestCase):
    """Whatever the function returns, C{execute} fires a Deferred with its result."""

    def test_provides_icommand(self) -> None:
        command = Command("get", FakeSchema(), Recorder())
        self.assertTrue(verifyObject(ICommand, command))
        self.assertEqual(command.name, "get")
        self.assertIsNone(Command("any", None, Recorder()).schema)

    def test_plain_value(self) -> None:
        function = Recorder({"id": "1"})
        result = self.successResultOf(Command("get", None, function).execute("cid", {"id": "1"}))
        self.assertEqual(result, {"id": "1"})
        self.assertEqual(function.calls, [("cid", {"id": "1"})])

    def test_none_args_are_an_empty_object(self) -> None:
        function = Recorder()
        self.assertIsNone(self.successResultOf(Command("get", FakeSchema(), function).execute(None, None)))
        self.assertEqual(function.calls, [(None, {})])

    def test_deferred(self) -> None:
        pending: Deferred[str] = Deferred()
        result = Command("get", None, lambda cid, args: pending).execute("cid", {})
        self.assertNoResult(result)
        pending.callback("done")
        self.assertEqual(self.successResultOf(result), "done")

    def test_coroutine(self) -> None:
        pending: Deferred[int] = Deferred()

        async def function(correlation_id: str | None, args: dict) -> tuple:
            value = await pending
            return (correlation_id, args["x"], value)

        result = Command("get", None, function).execute("cid", {"x": 1})
        self.assertNoResult(result)
        pending.callback(2)
        self.assertEqual(self.successResultOf(result), ("cid", 1, 2))


def _raise(error: BaseException):
    def function(correlation_id, args):
        raise error

    return function


def _fail_later(error: BaseException, holder: list):
    def function(correlation_id, args):
        pending: Deferred = Deferred()
        holder.append(lambda: pending.errback(error))
        return pending

    return function


def _raise_in_coroutine(error: BaseException):
    async def function(correlation_id, args):
        await succeed(None)
        raise error

    return function


class CommandFailureTests(SynchronousTestCase):
    """Failures come out portable, whichever way the function fails."""

    def assert_wrapped(self, failure, original: BaseException, correlation_id="cid") -> None:
        error = failure.value
        self.assertIsInstance(error, InvocationException)
        self.assertEqual(error.code, "EXEC_FAILED")
        self.assertEqual(error.correlation_id, correlation_id)
        self.assertIn("do_it", error.message)
        self.assertIn(str(original), error.message)
        self.assertEqual(error.details, {"command": "do_it"})
        self.assertIs(error.__cause__, original)
        self.assertEqual(error.cause, str(original))

    def test_synchronous_raise_is_wrapped(self) -> None:
        original = ValueError("boom")
        result = Command("do_it", None, _raise(original)).execute("cid", {})
        self.assert_wrapped(self.failureResultOf(result, InvocationException), original)

    def test_failed_deferred_is_wrapped(self) -> None:
        original = KeyError("missing")
        later: list = []
        result = Command("do_it", None, _fail_later(original, later)).execute("cid", {})
        self.assertNoResult(result)
        later[0]()
        self.assert_wrapped(self.failureResultOf(result, InvocationException), original)

    def test_already_failed_deferred_is_wrapped(self) -> None:
        original = RuntimeError("early")
        result = Command("do_it", None, lambda cid, args: fail(original)).execute("cid", {})
        self.assert_wrapped(self.failureResultOf(result, InvocationException), original)

    def test_coroutine_raise_is_wrapped(self) -> None:
        original = ZeroDivisionError("division by zero")
        result = Command("do_it", None, _raise_in_coroutine(original)).execute("cid", {})
        self.assert_wrapped(self.failureResultOf(result, InvocationException), original)

    def test_error_without_message_is_named_by_type(self) -> None:
        result = Command("do_it", None, _raise(LookupError())).execute(None, {})
        error = self.failureResultOf(result, InvocationException).value
        self.assertIn("LookupError", error.message)
        self.assertIsNone(error.correlation_id)

    def test_application_exception_passes_unchanged(self) -> None:
        for make in (_raise, lambda e: _raise_in_coroutine(e), lambda e: (lambda cid, args: fail(e))):
            original = NotFoundException(None, "NO_BEACON", "no such beacon")
            result = Command("do_it", None, make(original)).execute("cid", {})
            failure = self.failureResultOf(result, NotFoundException)
            self.assertIs(failure.value, original)
            self.assertEqual(failure.value.code, "NO_BEACON")
            self.assertEqual(failure.value.correlation_id, "cid")

    def test_application_exception_keeps_its_correlation_id(self) -> None:
        original = ApplicationException("own", "OWN")
        result = Command("do_it", None, _raise(original)).execute("cid", {})
        self.assertEqual(self.failureResultOf(result, ApplicationException).value.correlation_id, "own")

    def test_cancellation_is_not_wrapped(self) -> None:
        pending: Deferred = Deferred()
        result = Command("do_it", None, lambda cid, args: pending).execute("cid", {})
        result.cancel()
        self.failureResultOf(result, CancelledError)


class CommandValidationTests(SynchronousTestCase):
    """Arguments are checked against the schema before the function runs."""

    def test_invalid_arguments_fail_without_calling_the_function(self) -> None:
        function = Recorder("ran")
        command = Command("create", FakeSchema("beacon"), function)
        error = self.failureResultOf(command.execute("cid", {"other": 1}), BadRequestException).value
        self.assertEqual(error.code, "INVALID_DATA")
        self.assertEqual(error.correlation_id, "cid")
        self.assertEqual(function.calls, [])

    def test_valid_arguments_run_the_function_after_validation(self) -> None:
        schema = FakeSchema("beacon")
        seen: list = []

        def function(correlation_id, args):
            seen.append(list(schema.validated))
            return "ran"

        command = Command("create", schema, function)
        self.assertEqual(self.successResultOf(command.execute("cid", {"beacon": {}})), "ran")
        self.assertEqual(seen, [[{"beacon": {}}]])

    def test_schema_that_raises_a_plain_error_is_wrapped(self) -> None:
        class BrokenSchema:
            def validate_and_throw_exception(self, correlation_id, args):
                raise TypeError("broken schema")

        function = Recorder()
        result = Command("create", BrokenSchema(), function).execute("cid", {})
        error = self.failureResultOf(result, InvocationException).value
        self.assertEqual(error.code, "EXEC_FAILED")
        self.assertEqual(function.calls, [])

    def test_validate(self) -> None:
        command = Command("create", FakeSchema("beacon"), Recorder())
        self.assertEqual(command.validate({"beacon": {}}), [])
        self.assertEqual(command.validate({}), ["beacon is required"])
        self.assertEqual(command.validate(None), ["beacon is required"])

    def test_validate_without_schema_accepts_anything(self) -> None:
        self.assertEqual(Command("any", None, Recorder()).validate({"x": object()}), [])
