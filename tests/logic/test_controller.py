"""Tests for L{pipservices_tx.logic.CommandableController} and its instrumenting interceptor."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.commands import Command, CommandSet, ICommandable, ICommandInterceptor
from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import NotFoundException
from pipservices_tx.logic import CommandableController, InstrumentingInterceptor, is_invalid_call
from pipservices_tx.logs import LogLevel
from pipservices_tx.portability import TypeCode
from pipservices_tx.refer import IReferenceable
from pipservices_tx.validation import ObjectSchema, ValidationException

from ._support import observed_references


class GreetingsController(CommandableController):
    """What a user writes: commands and logic, not one line of instrumentation."""

    controller_name = "greetings"

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock

    def make_command_set(self) -> CommandSet:
        command_set = CommandSet()
        command_set.add_command(Command(
            "greet", ObjectSchema().with_required_property("name", TypeCode.String),
            lambda cid, args: self.greet(cid, args["name"]),
        ))
        command_set.add_command(Command("missing", None, lambda cid, args: self.missing(cid)))
        return command_set

    def greet(self, correlation_id: Optional[str], name: str) -> str:
        self.clock.advance(0.25)  # the work takes 250 ms of the test's clock
        return f"Hello, {name}"

    def missing(self, correlation_id: Optional[str]) -> Any:
        raise NotFoundException(correlation_id, "NO_GREETING", "nothing here")


class CommandableControllerTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.references, self.logger, self.counters = observed_references(clock=self.clock)
        self.controller = GreetingsController(self.clock)
        self.controller.configure(ConfigParams())
        self.controller.set_references(self.references)
        self.controller.counters = type(self.controller.counters)(self.references)
        self.controller.counters.set_reactor(self.clock)

    def test_interfaces(self) -> None:
        verifyObject(ICommandable, self.controller)
        verifyObject(IConfigurable, self.controller)
        verifyObject(IReferenceable, self.controller)
        verifyObject(ICommandInterceptor, InstrumentingInterceptor(self.controller))

    def test_commands_show_up_in_counters_and_logs(self) -> None:
        """The acceptance criterion: no instrumentation code, yet counted, timed and logged."""
        command_set = self.controller.get_command_set()
        result = command_set.execute("c1", "greet", {"name": "Ann"})
        self.assertEqual(self.successResultOf(result), "Hello, Ann")
        self.successResultOf(command_set.execute("c2", "greet", {"name": "Bob"}))
        self.assertEqual(self.counters.count("greetings.greet.exec_count"), 2)
        timing = self.counters.get("greetings.greet.exec_time")
        assert timing is not None
        self.assertEqual((timing.count, timing.average), (2, 250.0))
        self.assertIsNone(self.counters.get("greetings.greet.exec_errors"))
        traces = [(e.correlation_id, e.message) for e in self.logger.entries if e.level == LogLevel.TRACE]
        self.assertEqual(traces, [("c1", "Executing greetings.greet"), ("c2", "Executing greetings.greet")])

    def test_failure_counts_an_error_and_logs_it(self) -> None:
        failure = self.failureResultOf(self.controller.command_set.execute("c3", "missing", {}), NotFoundException)
        self.assertEqual(failure.value.code, "NO_GREETING")
        self.assertEqual(self.counters.count("greetings.missing.exec_count"), 1)
        self.assertEqual(self.counters.count("greetings.missing.exec_errors"), 1)
        errors = [e for e in self.logger.entries if e.level == LogLevel.ERROR]
        self.assertEqual([e.message for e in errors], ["Failed to execute greetings.missing"])
        self.assertIs(errors[0].error, failure.value)

    def test_invalid_arguments_are_counted_but_not_as_errors(self) -> None:
        self.failureResultOf(self.controller.command_set.execute(None, "greet", {}), ValidationException)
        self.assertEqual(self.counters.count("greetings.greet.exec_count"), 1)
        self.assertIsNone(self.counters.get("greetings.greet.exec_errors"))
        self.assertEqual(self.logger.messages(LogLevel.ERROR), [])
        self.assertTrue(any(m.startswith("Rejected greetings.greet") for m in self.logger.messages(LogLevel.DEBUG)))

    def test_config_name_overrides_the_class_name_even_after_the_set_is_built(self) -> None:
        command_set = self.controller.command_set
        self.controller.configure(ConfigParams.from_tuples("name", "hello"))
        self.successResultOf(command_set.execute(None, "greet", {"name": "Ann"}))
        self.assertEqual(self.counters.count("hello.greet.exec_count"), 1)
        self.assertEqual(self.controller.logger.component, "hello")

    def test_default_name_is_the_class_name(self) -> None:
        class Plain(CommandableController):
            pass

        self.assertEqual(Plain().name, "Plain")

    def test_commands_added_later_are_instrumented(self) -> None:
        self.controller.command_set.add_command(Command("later", None, lambda cid, args: 42))
        self.assertEqual(self.successResultOf(self.controller.command_set.execute(None, "later", None)), 42)
        self.assertEqual(self.counters.count("greetings.later.exec_count"), 1)

    def test_command_set_is_made_once(self) -> None:
        self.assertIs(self.controller.get_command_set(), self.controller.command_set)
        self.assertEqual([c.name for c in self.controller.command_set.commands], ["greet", "missing"])

    def test_is_invalid_call(self) -> None:
        self.assertTrue(is_invalid_call(ValidationException(None, "bad")))
        self.assertFalse(is_invalid_call(NotFoundException(None, "X", "x")))
        self.assertFalse(is_invalid_call(ValueError()))

