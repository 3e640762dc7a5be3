"""Stack traces in error bodies only with options.debug, on the service or on its endpoint."""

from __future__ import annotations

import json
from typing import Any

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import InternalException
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import CommandableHttpService, HttpEndpoint, RestService

from ..services.helpers import EchoController, StubClient

CONTROLLER = Descriptor("test", "controller", "default", "default", "1.0")
ENDPOINT = Descriptor("pip-services", "endpoint", "http", "default", "1.0")
LOGGER = Descriptor("pip-services", "logger", "null", "default", "1.0")


class FailingController(EchoController):
    def __init__(self) -> None:
        super().__init__()
        from pipservices_tx.commands import Command

        def fail(correlation_id: Any, args: Any) -> Any:
            raise InternalException(correlation_id, "BROKEN", "Something broke")

        self.command_set.add_command(Command("broken", None, fail))


class DebugTracesTests(SynchronousTestCase):
    def client(self, service_debug: Any = None, endpoint_debug: Any = None) -> StubClient:
        from pipservices_tx.logs import NullLogger

        service = CommandableHttpService("v1/things")
        config = {"dependencies.controller": "test:controller:*:*:1.0"}
        if service_debug is not None:
            config["options.debug"] = service_debug
        service.configure(ConfigParams(config))
        endpoint = HttpEndpoint()
        endpoint.configure(ConfigParams({} if endpoint_debug is None else {"options.debug": endpoint_debug}))
        service.set_references(References.from_tuples(
            CONTROLLER, FailingController(), ENDPOINT, endpoint, LOGGER, NullLogger()))
        endpoint.register_service(service)
        return StubClient(self, endpoint.dispatcher)

    def failures(self, client: StubClient) -> list[dict[str, Any]]:
        bodies = []
        for command in ("crash", "broken"):
            status, body = client.json("POST", f"/v1/things/{command}?correlation_id=c1", {})
            self.assertEqual((status, body["correlation_id"]), (500, "c1"))
            bodies.append(body)
        return bodies

    def test_no_stack_trace_by_default(self) -> None:
        for client in (self.client(), self.client(False, False)):
            crash, broken = self.failures(client)
            self.assertIsNone(crash["stack_trace"])
            self.assertIsNone(broken["stack_trace"])
            self.assertEqual(crash["code"], "EXEC_FAILED")
            self.assertEqual((broken["code"], broken["message"]), ("BROKEN", "Something broke"))
            self.assertNotIn("Traceback", json.dumps([crash, broken]))
            self.assertNotIn("test_debug_traces.py", json.dumps([crash, broken]))

    def test_stack_trace_with_debug_on_the_service_or_the_endpoint(self) -> None:
        for client in (self.client(service_debug=True), self.client(endpoint_debug=True)):
            crash, broken = self.failures(client)
            # The command's wrapper was never raised: the trace is the one of what it wraps.
            self.assertIn("ZeroDivisionError", crash["stack_trace"])
            self.assertIn("lambda cid, args: 1 / 0", crash["stack_trace"])
            self.assertIn("Traceback", broken["stack_trace"])
            self.assertIn("in fail", broken["stack_trace"])


class RawErrorService(RestService):
    def register(self) -> None:
        self.register_route("GET", "/boom", self.boom)

    def boom(self, request: Any) -> Any:
        raise KeyError("internal detail")


class RawErrorTests(SynchronousTestCase):
    def test_a_bug_says_only_internal_error_without_debug(self) -> None:
        from pipservices_tx.logs import NullLogger

        for debug in (False, True):
            service = RawErrorService()
            service.configure(ConfigParams.from_tuples("options.debug", debug))
            service.set_references(References.from_tuples(LOGGER, NullLogger()))
            status, body = StubClient(self, service.resource()).json("GET", "/boom")
            self.assertEqual((status, body["code"]), (500, "UNKNOWN"))
            if debug:
                self.assertIn("internal detail", body["message"])
                self.assertIn("in boom", body["stack_trace"])
            else:
                self.assertEqual((body["message"], body["stack_trace"]), ("Internal error", None))
