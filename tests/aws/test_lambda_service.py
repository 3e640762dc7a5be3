"""LambdaService and CommandableLambdaService on their own, and the factory that creates them."""

from __future__ import annotations

from typing import Any

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.aws import (
    CommandableLambdaService,
    DefaultAwsFactory,
    ILambdaAction,
    ILambdaService,
    LambdaService,
    error_from_function,
    function_error,
)
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConflictException, InvocationException, NotFoundException
from pipservices_tx.refer import Descriptor, References
from tests.services.helpers import EchoController, MemoryCounters

CONTROLLER = Descriptor("test", "controller", "default", "default", "1.0")


class LambdaServiceTests(SynchronousTestCase):
    def service(self, name: Any = None) -> CommandableLambdaService:
        service = CommandableLambdaService()
        service.configure(ConfigParams.from_tuples("dependencies.controller", str(CONTROLLER),
                                                   *(("service_name", name) if name else ())))
        self.counters = MemoryCounters()
        service.set_references(References.from_tuples(
            CONTROLLER, EchoController(), Descriptor("pip-services", "counters", "memory", "default", "1.0"),
            self.counters))
        self.successResultOf(service.open(None))
        return service

    def test_actions_from_commands(self) -> None:
        service = self.service("things")
        verifyObject(ILambdaService, service)
        actions = {action.cmd: action for action in service.get_actions()}
        self.assertIn("things.echo", actions)
        verifyObject(ILambdaAction, actions["things.echo"])
        result = self.successResultOf(actions["things.echo"].action(
            {"cmd": "things.echo", "correlation_id": "c", "a": 1}))
        self.assertEqual(result, {"a": 1})
        failure = self.failureResultOf(actions["things.missing"].action({"cmd": "things.missing", "id": "x"}))
        self.assertIsInstance(failure.value, NotFoundException)
        counts = {counter.name: counter.count for counter in self.counters.get_all()}
        self.assertEqual((counts["things.echo.exec_count"], counts["things.missing.exec_errors"]), (1, 1))
        self.assertEqual(sorted(a.cmd for a in self.service().get_actions())[:2], ["conflict", "crash"])
        self.successResultOf(service.close(None))
        self.assertEqual(service.get_actions(), [])

    def test_a_plain_service(self) -> None:
        class Hello(LambdaService):
            def register(self) -> None:
                self.register_action("hello", lambda event: f"hello {event['name']}")

        service = Hello("greeter")
        self.successResultOf(service.open(None))
        action = service.get_actions()[0]
        self.assertEqual((action.cmd, self.successResultOf(action.action({"name": "you"}))),
                         ("greeter.hello", "hello you"))

    def test_factory(self) -> None:
        service = DefaultAwsFactory().create(Descriptor("pip-services", "service", "commandable-lambda", "x", "1.0"))
        self.assertIsInstance(service, CommandableLambdaService)


class FunctionErrorTests(SynchronousTestCase):
    def test_round_trip_through_the_runtime_payload(self) -> None:
        error = ConflictException("cid", "DUPLICATE", "Already there").with_details("key", "k")
        raised = function_error(error)
        self.assertEqual(type(raised).__name__, "ConflictException")
        payload = {"errorMessage": str(raised), "errorType": type(raised).__name__, "stackTrace": []}
        back = error_from_function(payload, "Unhandled", None, "f")
        self.assertIsInstance(back, ConflictException)
        self.assertEqual((back.code, back.status, back.correlation_id, back.details),
                         ("DUPLICATE", 409, "cid", {"key": "k"}))
        self.assertEqual(type(function_error(ValueError("x"))).__name__, "UnknownException")

    def test_foreign_payloads(self) -> None:
        timeout = {"errorMessage": "2024-01-01 Task timed out after 3.00 seconds", "errorType": "Sandbox.Timedout"}
        error = error_from_function(timeout, "Unhandled", "cid", "f")
        self.assertIsInstance(error, InvocationException)
        self.assertEqual((error.code, error.details["error_type"], error.correlation_id),
                         ("FUNCTION_ERROR", "Sandbox.Timedout", "cid"))
        self.assertIsInstance(error_from_function("just a string", "Handled", None, "f"), InvocationException)
        self.assertIsInstance(error_from_function({"errorMessage": "{not json"}, "Handled", None, "f"),
                              InvocationException)
