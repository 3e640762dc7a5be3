"""The Lambda entry point called as the runtime calls it, with recorded direct-invoke events."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from twisted.internet.defer import ensureDeferred
from twisted.internet.threads import deferToThread
from twisted.internet.utils import getProcessOutputAndValue
from twisted.trial.unittest import TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.aws import CommandableLambdaService, ILambdaService, LambdaContext, LambdaFunctionError
from pipservices_tx.errors import BadRequestException, InvalidStateException
from pipservices_tx.lambda_function import LambdaFunction
from pipservices_tx.refer import Descriptor

from .support import CONFIG, HERE, description, event


class LambdaFunctionTests(TestCase):
    def setUp(self) -> None:
        self.function = LambdaFunction(CONFIG, "beacons")
        self.addCleanup(self.function.close)

    def invoke(self, name: str) -> Any:
        """handler(event, context) from a thread of its own, as the runtime's main thread calls it."""
        return deferToThread(self.function.handler, event(name), LambdaContext("beacons"))

    async def failure(self, name: str) -> Any:
        try:
            await self.invoke(name)
        except LambdaFunctionError as error:
            return error
        self.fail(f"{name} did not fail")

    def test_commands(self) -> Any:
        async def run() -> None:
            created = await self.invoke("create_beacon")
            self.assertEqual((created["id"], created["type"]), ("b1", "unknown"))
            self.assertEqual(await self.invoke("get_beacon_by_id"), created)
            self.assertEqual(await self.invoke("get_beacons"), {"data": [created], "total": 1})
            service = self.function.container.references.get_one_required(
                Descriptor.parse("*:service:commandable-lambda:*:*"))
            verifyObject(ILambdaService, service)
            self.assertIsInstance(service, CommandableLambdaService)
        return ensureDeferred(run())

    def test_errors_leave_as_described_exceptions(self) -> Any:
        async def run() -> None:
            error = await self.failure("invalid_beacon")
            self.assertEqual(type(error).__name__, "ValidationException")
            described = description(error)
            self.assertEqual((described["code"], described["status"], described["correlation_id"]),
                             ("INVALID_DATA", 400, "evt-4"))
            self.assertEqual(sorted(r["path"] for r in described["details"]["results"]), ["beacon.udi"])
            cases = {"no_cmd": "NO_COMMAND", "unknown_cmd": "NO_ACTION", "not_an_object": "BAD_EVENT",
                     "api_gateway_proxy": "NO_COMMAND"}
            for name, code in cases.items():
                error = await self.failure(name)
                self.assertEqual((type(error).__name__, description(error)["code"]), ("BadRequestException", code))
            self.assertEqual(description(await self.failure("unknown_cmd"))["details"],
                             {"command": "beacons.no_such_command"})
        return ensureDeferred(run())

    def test_act_on_the_reactor_thread(self) -> Any:
        async def run() -> None:
            await deferToThread(lambda: None)  # the reactor has run: this is its thread
            self.assertEqual((await self.function.act(event("create_beacon")))["udi"], "u1")
            with self.assertRaises(BadRequestException):
                await self.function.act(event("no_cmd"))
            with self.assertRaises(InvalidStateException):
                self.function.handler(event("get_beacon_by_id"), None)
        return ensureDeferred(run())

    def test_a_config_that_cannot_open(self) -> Any:
        async def run() -> None:
            function = LambdaFunction(os.path.join(HERE, "no-such-config.yml"))
            error = await self.failure_of(function)
            self.assertIn("no-such-config.yml", str(error))
            # The next invocation tries again rather than keeping a broken container.
            self.assertIsNone(function.container)
        return ensureDeferred(run())

    async def failure_of(self, function: LambdaFunction) -> Any:
        try:
            await deferToThread(function.handler, event("get_beacon_by_id"), LambdaContext("x"))
        except LambdaFunctionError as error:
            return error
        self.fail("no failure")


class ColdStartTests(TestCase):
    """A fresh process with no reactor running: the module-level handler, as Lambda imports and calls it."""

    def test_module_handler_in_a_fresh_process(self) -> Any:
        async def run() -> None:
            events = [os.path.join(HERE, "events", name + ".json")
                      for name in ("create_beacon", "get_beacon_by_id", "invalid_beacon", "unknown_cmd")]
            env = dict(os.environ, CONFIG_PATH=CONFIG, PYTHONPATH=os.path.dirname(os.path.dirname(HERE)))
            out, err, code = await getProcessOutputAndValue(
                sys.executable, [os.path.join(HERE, "run_handler.py"), *events], env=env)
            self.assertEqual(code, 0, err.decode())
            created, found, invalid, unknown = (json.loads(line) for line in out.decode().splitlines())
            self.assertEqual(created["result"]["id"], "b1")
            self.assertEqual(found["result"], created["result"])  # the container stayed open (warm)
            self.assertEqual(invalid["errorType"], "ValidationException")
            self.assertEqual(json.loads(invalid["errorMessage"])["correlation_id"], "evt-4")
            self.assertEqual((unknown["errorType"], json.loads(unknown["errorMessage"])["code"]),
                             ("BadRequestException", "NO_ACTION"))
        return ensureDeferred(run())
