"""LambdaClient against LambdaInvokeServer, which runs the real entry point in process."""

from __future__ import annotations

import threading
from typing import Any

from twisted.internet import reactor
from twisted.internet.defer import ensureDeferred
from twisted.internet.endpoints import TCP4ServerEndpoint
from twisted.trial.unittest import TestCase
from twisted.web.server import Site
from zope.interface.verify import verifyObject

from pipservices_tx.aws import AwsConnection, CommandableLambdaClient, LambdaClient, LambdaInvokeServer
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import (
    BadRequestException,
    ConfigException,
    ConnectionException,
    ForbiddenException,
    InvocationException,
    NotFoundException,
)
from pipservices_tx.lambda_function import LambdaFunction
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.validation import ValidationException

from .support import CONFIG

KEYS = {"AKIDTEST": "secret-key"}


def crash(event: Any, context: Any) -> Any:
    raise ValueError(f"the function itself broke on {event.get('cmd')}")


class LambdaClientTests(TestCase):
    def setUp(self) -> Any:
        self.function = LambdaFunction(CONFIG, "beacons")
        self.addCleanup(self.function.close)
        self.release = threading.Event()
        self.addCleanup(self.release.set)
        self.server = LambdaInvokeServer({
            "beacons": self.function.handler, "crash": crash,
            "stuck": lambda event, context: self.release.wait(10),
        }, KEYS)

        async def start() -> None:
            self.port = await TCP4ServerEndpoint(reactor, 0, interface="127.0.0.1").listen(Site(self.server))
            self.addCleanup(self.port.stopListening)

        return ensureDeferred(start())

    async def client(self, function: str = "beacons", secret: str = "secret-key", cls: Any = None,
                     **options: Any) -> Any:
        client = (cls or CommandableLambdaClient)()
        client.configure(ConfigParams.from_tuples(
            "service_name", "beacons", "connection.function", function, "connection.region", "us-east-1",
            "connection.uri", f"http://127.0.0.1:{self.port.getHost().port}",
            "credential.access_id", "AKIDTEST", "credential.access_key", secret,
            *[item for pair in options.items() for item in pair]))
        await client.open(None)
        self.addCleanup(client.close)
        return client

    def test_commands_and_the_payload_on_the_wire(self) -> Any:
        async def run() -> None:
            client = await self.client()
            verifyObject(IOpenable, client)
            beacon = {"id": "7", "site_id": "s", "udi": "u7"}
            created = await client.call_command("create_beacon", "cid-1", {"beacon": beacon})
            self.assertEqual(created["type"], "unknown")
            self.assertEqual(self.server.invocations[-1], {"function": "beacons", "type": "RequestResponse", "event": {
                "cmd": "beacons.create_beacon", "correlation_id": "cid-1", "beacon": beacon}})
            found = await client.call_command("get_beacon_by_id", None, {"id": "7"})
            self.assertEqual(found, created)
            self.assertTrue(self.server.invocations[-1]["event"]["correlation_id"])  # made up when none is given
            self.assertIsNone(await client.call_command("get_beacon_by_id", "c", {"id": "none"}))
        return ensureDeferred(run())

    def test_function_errors_come_back_as_the_same_exception(self) -> Any:
        async def run() -> None:
            client = await self.client()
            with self.assertRaises(ValidationException) as raised:
                await client.call_command("create_beacon", "cid-2", {"beacon": {"udi": 1}})
            error = raised.exception
            self.assertEqual((error.code, error.status, error.correlation_id), ("INVALID_DATA", 400, "cid-2"))
            self.assertEqual(sorted(r["path"] for r in error.details["results"]), ["beacon.site_id", "beacon.udi"])
            with self.assertRaises(BadRequestException) as raised:
                await client.call_command("no_such_command", "cid-3", {})
            self.assertEqual((raised.exception.code, raised.exception.details),
                             ("NO_ACTION", {"command": "beacons.no_such_command"}))
        return ensureDeferred(run())

    def test_an_error_of_a_function_that_is_not_ours(self) -> Any:
        async def run() -> None:
            client = await self.client("crash")
            with self.assertRaises(InvocationException) as raised:
                await client.call_command("x", "cid-4", {})
            error = raised.exception
            self.assertEqual((error.code, error.correlation_id), ("FUNCTION_ERROR", "cid-4"))
            self.assertEqual((error.details["error_type"], error.details["function_error"]), ("ValueError", "Unhandled"))
            self.assertIn("the function itself broke on beacons.x", error.message)
            self.assertIn("crash", error.stack_trace)
        return ensureDeferred(run())

    def test_errors_of_the_api(self) -> Any:
        async def run() -> None:
            with self.assertRaises(ForbiddenException) as raised:
                await (await self.client(secret="wrong")).call_command("get_beacon_by_id", "c", {"id": "1"})
            self.assertEqual((raised.exception.code, raised.exception.status), ("InvalidSignatureException", 403))
            with self.assertRaises(NotFoundException) as raised:
                await (await self.client("no-such-function")).call_command("x", "c", {})
            self.assertEqual(raised.exception.code, "ResourceNotFoundException")
            self.assertEqual(len(self.server.invocations), 0)
        return ensureDeferred(run())

    def test_one_way_and_timeout(self) -> Any:
        async def run() -> None:
            client = await self.client("stuck", cls=LambdaClient, **{"options.timeout": 200})
            self.assertIsNone(await client._call_one_way("wait", "c-5", {"n": 1}))
            self.assertEqual(self.server.invocations[-1]["type"], "Event")
            with self.assertRaises(ConnectionException) as raised:
                await client._call("wait", "c-6", {})
            self.assertEqual((raised.exception.code, raised.exception.correlation_id), ("TIMEOUT", "c-6"))
        return ensureDeferred(run())

    def test_nobody_listens(self) -> Any:
        async def run() -> None:
            client = await self.client()
            await self.port.stopListening()
            with self.assertRaises(ConnectionException) as raised:
                await client.call_command("get_beacon_by_id", "c", {"id": "1"})
            self.assertEqual(raised.exception.code, "CONNECTION_REFUSED")
        return ensureDeferred(run())


class ConnectionConfigTests(TestCase):
    def test_config(self) -> None:
        arn = "arn:aws:lambda:eu-west-1:123456789012:function:beacons"
        connection = AwsConnection.from_config(ConfigParams.from_tuples(
            "connection.arn", arn, "credential.access_id", "a", "credential.secret_key", "k"), {})
        self.assertEqual(connection.region, "eu-west-1")
        self.assertEqual(connection.invoke_url, "https://lambda.eu-west-1.amazonaws.com/2015-03-31/functions/"
                         "arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Abeacons/invocations")
        from_env = AwsConnection.from_config(ConfigParams.from_tuples("connection.function", "f"), {
            "AWS_REGION": "us-east-2", "AWS_ACCESS_KEY_ID": "id", "AWS_SECRET_ACCESS_KEY": "key",
            "AWS_SESSION_TOKEN": "token"})
        self.assertEqual((from_env.region, from_env.access_id, from_env.session_token), ("us-east-2", "id", "token"))
        for config, code in ((ConfigParams(), "NO_FUNCTION"),
                             (ConfigParams.from_tuples("connection.function", "f"), "NO_REGION"),
                             (ConfigParams.from_tuples("connection.function", "f", "connection.region", "r"),
                              "NO_CREDENTIALS")):
            with self.assertRaises(ConfigException) as raised:
                AwsConnection.from_config(config, {})
            self.assertEqual(raised.exception.code, code)
