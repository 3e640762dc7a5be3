"""Commands over queues: a CommandSet served from a queue, called with a reply queue, errors as over REST."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet import task
from twisted.internet.defer import gatherResults
from twisted.trial import unittest
from zope.interface import implementer

from pipservices_tx.commands import Command, CommandSet, ICommandable
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import BadRequestException, ConnectionException, NotFoundException
from pipservices_tx.messaging import CommandableQueueClient, CommandableQueueService
from pipservices_tx.portability import TypeCode
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.validation import ObjectSchema, ValidationException
from tests.messaging._brokers import (
    MOSQUITTO,
    NATS,
    RABBITMQ,
    require_mosquitto,
    require_nats,
    require_rabbitmq,
    unique,
)
from tests.messaging.test_rabbitmq_queue import delete_queues, open_rabbitmq_queue

CONTROLLER = Descriptor("test", "controller", "default", "default", "1.0")


def _missing(correlation_id: Optional[str], args: dict[str, Any]) -> Any:
    raise NotFoundException(correlation_id, "BEACON_NOT_FOUND", f"No beacon {args.get('id')}").with_details(
        "id", args.get("id"))


@implementer(ICommandable)
class Calculator:
    def __init__(self) -> None:
        self.command_set = CommandSet()
        self.command_set.add_commands([
            Command("add", ObjectSchema().with_required_property("a", TypeCode.Integer)
                    .with_required_property("b", TypeCode.Integer),
                    lambda cid, args: args["a"] + args["b"]),
            Command("nothing", None, lambda cid, args: None),
            Command("missing", None, _missing),
            Command("crash", None, lambda cid, args: 1 / 0),
        ])

    def get_command_set(self) -> CommandSet:
        return self.command_set


class _CommandsOverQueue:
    """The same checks on each broker; C{request_uri()} names the request queue."""

    timeout = 30

    def request_uri(self) -> str:
        raise NotImplementedError

    def extra_config(self) -> dict[str, str]:
        return {}

    async def setUp(self) -> None:
        uri = self.request_uri()
        references = References.from_tuples(CONTROLLER, Calculator())
        config = {"connection.uri": uri, "dependencies.controller": str(CONTROLLER), **self.extra_config()}
        self.service = CommandableQueueService()
        self.service.configure(ConfigParams.from_value(config))
        self.service.set_references(references)
        self.client = CommandableQueueClient()
        self.client.configure(ConfigParams.from_value({"connection.uri": uri, "options.timeout": "5000",
                                                       **self.extra_config()}))
        self.client.set_references(references)
        await self.service.open(None)
        self.addCleanup(self.service.close, None)
        await self.client.open(None)
        self.addCleanup(self.client.close, None)

    async def test_result(self) -> None:
        self.assertEqual(await self.client.call_command("add", "cid-1", {"a": 2, "b": 3}), 5)
        self.assertIsNone(await self.client.call_command("nothing", None, {}))

    async def test_concurrent_calls_get_their_own_replies(self) -> None:
        results = await gatherResults([self.client.call_command("add", None, {"a": n, "b": n}) for n in range(20)])
        self.assertEqual(results, [2 * n for n in range(20)])

    async def test_the_same_exception_arrives(self) -> None:
        with self.assertRaises(NotFoundException) as context:
            await self.client.call_command("missing", "cid-404", {"id": "b9"})
        error = context.exception
        self.assertEqual((error.code, error.status, error.correlation_id), ("BEACON_NOT_FOUND", 404, "cid-404"))
        self.assertEqual(error.details, {"id": "b9"})

    async def test_invalid_arguments_are_a_validation_error(self) -> None:
        with self.assertRaises(ValidationException) as context:
            await self.client.call_command("add", "cid-2", {"a": "two"})
        self.assertEqual((context.exception.code, context.exception.correlation_id), ("INVALID_DATA", "cid-2"))
        self.assertTrue(context.exception.details["results"])

    async def test_unknown_command_and_failing_code(self) -> None:
        with self.assertRaises(BadRequestException) as context:
            await self.client.call_command("nope", None, {})
        self.assertEqual(context.exception.code, "CMD_NOT_FOUND")
        with self.assertRaises(Exception) as crashed:
            await self.client.call_command("crash", "cid-3", {})
        self.assertEqual((getattr(crashed.exception, "code", None), crashed.exception.correlation_id),  # type: ignore[attr-defined]
                         ("EXEC_FAILED", "cid-3"))

    async def test_no_reply_in_time_is_no_response(self) -> None:
        await self.service.close(None)
        self.client.timeout_ms = 300
        with self.assertRaises(ConnectionException) as context:
            await self.client.call_command("add", "cid-4", {"a": 1, "b": 1})
        self.assertEqual(context.exception.code, "NO_RESPONSE")
        await self.service.open(None)
        self.client.timeout_ms = 5000
        # the request sent while the service was away is served when it returns (queues keep it) or dropped (NATS, MQTT)
        self.assertEqual(await self.client.call_command("add", None, {"a": 1, "b": 2}), 3)
        await task.deferLater(self.service.reactor, 0.1, lambda: None)  # type: ignore[arg-type]


class MemoryCommandsTests(_CommandsOverQueue, unittest.TestCase):
    def request_uri(self) -> str:
        return f"memory:///{unique('commands')}"


class RabbitMQCommandsTests(_CommandsOverQueue, unittest.TestCase):
    def request_uri(self) -> str:
        require_rabbitmq()
        self.queue_name = unique("commands")
        return f"amqp://guest:guest@{RABBITMQ[0]}:{RABBITMQ[1]}/{self.queue_name}"

    def extra_config(self) -> dict[str, str]:
        return {"options.durable": "false"}

    async def setUp(self) -> None:
        await super().setUp()
        self.addCleanup(self.delete_request_queue)

    async def delete_request_queue(self) -> None:
        queue = await open_rabbitmq_queue(self.queue_name, durable="false", auto_delete="false")
        await delete_queues(queue)


class MqttCommandsTests(_CommandsOverQueue, unittest.TestCase):
    def request_uri(self) -> str:
        require_mosquitto()
        return f"mqtt://{MOSQUITTO[0]}:{MOSQUITTO[1]}/{unique('commands').replace('.', '/')}"

    def extra_config(self) -> dict[str, str]:
        return {"options.clean_session": "true"}


class NatsCommandsTests(_CommandsOverQueue, unittest.TestCase):
    def request_uri(self) -> str:
        require_nats()
        return f"nats://{NATS[0]}:{NATS[1]}/{unique('commands')}"

    def extra_config(self) -> dict[str, str]:
        return {"options.jetstream": "false"}
