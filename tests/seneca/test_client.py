"""SenecaClient: what it sends, and what it makes of what comes back (ours and seneca's own answers)."""

from __future__ import annotations

import json
from typing import Any

from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import TestCase
from twisted.web.resource import Resource
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import (
    ConflictException,
    InvalidStateException,
    NotFoundException,
    UnknownException,
)
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.seneca import CommandableSenecaClient, SenecaClient
from pipservices_tx.testing import with_reactor

from ._fakes import MathService

CONFIG = ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 10101)


async def open_client(resource: Resource, client: Any = None, **config: Any) -> Any:
    client = client or with_reactor(SenecaClient(http_client=StubTreq(resource)), Clock())
    client.configure(CONFIG.override(ConfigParams.from_value(config)))
    await client.open(None)
    return client


class _Recorder(Resource):
    """Answers like a seneca listener with a fixed status and body; keeps what it was sent."""

    isLeaf = True

    def __init__(self, status: int, body: Any) -> None:
        super().__init__()
        self.status, self.body = status, body
        self.requests: list[tuple[bytes, bytes, Any]] = []

    def render(self, request: Any) -> bytes:
        self.requests.append((request.method, request.uri, json.loads(request.content.read())))
        request.setResponseCode(self.status)
        request.setHeader(b"content-type", b"application/json")
        return json.dumps(self.body).encode()


class OurServiceTests(TestCase):
    timeout = 10

    async def setUp(self) -> None:
        self.service = MathService()
        self.client = await open_client(self.service.resource())

    def test_is_openable(self) -> None:
        verifyObject(IOpenable, self.client)

    async def test_act_sends_pattern_arguments_and_correlation_id(self) -> None:
        self.assertEqual(await self.client.act("c1", "role:math,cmd:sum", {"left": 2, "right": 3}), {"answer": 5})
        result = await self.client.act("c2", {"role": "math", "cmd": "echo"}, {"x": [1]})
        self.assertEqual(result, {"args": {"x": [1]}, "correlation_id": "c2"})
        self.assertEqual(await self.client.act(None, "role:math,cmd:list"), [1, 2, 3])
        self.assertIsNone(await self.client.act(None, "role:math,cmd:none"))

    async def test_our_errors_come_back_as_the_same_class(self) -> None:
        error = await self.assertFailure(self.client.act("c3", "role:math,cmd:conflict", {"key": "k"}),
                                         ConflictException)
        self.assertEqual((error.code, error.status, error.details, error.correlation_id),
                         ("ALREADY_THERE", 409, {"key": "k"}, "c3"))
        error = await self.assertFailure(self.client.act("c4", "role:math,cmd:product"), NotFoundException)
        self.assertEqual((error.code, error.correlation_id), ("ACT_NOT_FOUND", "c4"))

    async def test_commandable_client_adds_its_pin_and_cmd(self) -> None:
        client = await open_client(self.service.resource(), with_reactor(CommandableSenecaClient(
            http_client=StubTreq(self.service.resource())), Clock()), pin="role:math")
        self.assertEqual(await client.call_command("sum", "c5", {"left": 1, "right": 1}), {"answer": 2})
        self.assertEqual(client.pin, {"role": "math"})

    async def test_closed_client_fails_without_sending(self) -> None:
        await self.client.close(None)
        await self.assertFailure(self.client.act("c6", "role:math,cmd:list"), InvalidStateException)


class SenecaAnswersTests(TestCase):
    """Bodies as seneca 3's listeners send them (recorded from seneca 3.9 and seneca-transport 3.0)."""

    timeout = 10

    async def test_the_act_is_one_json_object_posted_to_the_path(self) -> None:
        recorder = _Recorder(200, {"ok": 1})
        client = await open_client(recorder, path="/seneca")
        self.assertEqual(await client.act("c1", "role:math,cmd:sum", {"left": 1}), {"ok": 1})
        self.assertEqual(recorder.requests, [(b"POST", b"/seneca",
                                              {"left": 1, "role": "math", "cmd": "sum", "correlation_id": "c1"})])

    async def test_meta_of_the_builtin_transport_is_removed(self) -> None:
        client = await open_client(_Recorder(200, {"answer": 3, "meta$": {"id": "a/b", "error": False}}))
        self.assertEqual(await client.act(None, "role:math,cmd:sum"), {"answer": 3})
        client = await open_client(_Recorder(200, {"meta$": {"id": "a/b", "empty": True}}))
        self.assertIsNone(await client.act(None, "role:math,cmd:none"))

    async def test_act_not_found_is_not_found(self) -> None:
        body = {"eraro": True, "orig": None, "code": "act_not_found", "seneca": True, "package": "seneca",
                "msg": "seneca: No matching action pattern found for { role: 'math', cmd: 'nope' }",
                "details": {"args": "{ role: 'math', cmd: 'nope' }", "plugin": {}},
                "message": "seneca: No matching action pattern found for { role: 'math', cmd: 'nope' }",
                "name": "Error"}
        client = await open_client(_Recorder(500, body))
        error = await self.assertFailure(client.act("c2", "role:math,cmd:nope"), NotFoundException)
        self.assertEqual((error.code, error.status, error.correlation_id), ("act_not_found", 404, "c2"))

    async def test_an_actions_own_error_keeps_its_code_and_message(self) -> None:
        body = {"code": "act_execute", "eraro": True, "seneca": True, "name": "Error",
                "message": "seneca: Action cmd:fail,role:math failed: boom.",
                "details": {"a": 1, "message": "boom", "pattern": "cmd:fail,role:math",
                            "orig$": {"code": "MY_CODE", "details": {"a": 1}}, "message$": "boom"},
                "orig": {"code": "MY_CODE", "details": {"a": 1}}}
        client = await open_client(_Recorder(500, body))
        error = await self.assertFailure(client.act("c3", "role:math,cmd:fail"), UnknownException)
        self.assertEqual((error.code, error.message, error.details, error.correlation_id),
                         ("MY_CODE", "boom", {"a": 1}, "c3"))

    async def test_builtin_transport_error_with_meta_is_an_error(self) -> None:
        body = {"message": "boom", "code": "MY_CODE", "details": {"a": 1}, "meta$": {"id": "a/b", "error": True}}
        for status in (500, 200):
            client = await open_client(_Recorder(status, body))
            error = await self.assertFailure(client.act("c4", "role:math,cmd:fail"), UnknownException)
            self.assertEqual((error.code, error.message), ("MY_CODE", "boom"))
