# -*- test-case-name: tests.persistence_mongodb.test_wire_failures -*-
"""Server errors, lost, silent and refused connections, and recovery when the server is back."""

from __future__ import annotations

from typing import Any

from twisted.internet import reactor
from twisted.internet.task import deferLater

from pipservices_tx.errors import ConnectionException, InvocationException, UnauthorizedException
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence
from pipservices_tx.testing import free_port

from ._base import WireTestCase, config_for
from ._mock_mongo import Outage


class ServerErrorTests(WireTestCase):
    async def test_a_command_error_is_an_invocation_exception(self) -> None:
        persistence = await self.open()
        self.script.on("find", lambda request: request.command_err(2, "BadValue: nope"))
        with self.assertRaises(InvocationException) as raised:
            await persistence.get_list_by_filter("cid", None)
        self.assertEqual((raised.exception.code, raised.exception.details), ("MONGODB_ERROR", {"code": 2}))
        self.assertEqual(raised.exception.correlation_id, "cid")

    async def test_a_missing_privilege_is_unauthorized(self) -> None:
        persistence = await self.open()
        self.script.on("count", lambda request: request.command_err(13, "not authorized on testdb"))
        with self.assertRaises(UnauthorizedException) as raised:
            await persistence.get_count_by_filter(None, None)
        self.assertEqual(raised.exception.code, "MONGODB_UNAUTHORIZED")


class ConnectionTests(WireTestCase):
    async def test_a_server_that_hangs_up_gives_a_connection_exception_then_recovers(self) -> None:
        persistence = await self.open()
        self.script.on("find", lambda request: request.hangup())
        with self.assertRaises(ConnectionException) as raised:
            await persistence.get_list_by_filter("cid", None)
        self.assertEqual((raised.exception.code, raised.exception.correlation_id), ("MONGODB_UNAVAILABLE", "cid"))
        self.reply_documents({"_id": "1"})
        self.assertEqual(await persistence.get_list_by_filter(None, None), [{"id": "1"}])

    async def test_a_silent_server_times_out(self) -> None:
        persistence = await self.open(request_timeout=200)
        self.script.on("find", lambda request: True)  # never answers
        with self.assertRaises(ConnectionException) as raised:
            await persistence.get_one_by_id(None, "1")
        self.assertEqual(raised.exception.code, "MONGODB_TIMEOUT")
        self.reply_documents({"_id": "1"})
        self.assertEqual(await persistence.get_one_by_id(None, "1"), {"id": "1"})

    async def test_a_refused_connection_fails_open_within_the_connect_timeout(self) -> None:
        persistence = IdentifiableMongoDbPersistence()
        persistence.configure(config_for(free_port(), connect_timeout=200))
        with self.assertRaises(ConnectionException) as raised:
            await persistence.open("cid")
        self.assertEqual((raised.exception.code, raised.exception.correlation_id), ("MONGODB_UNAVAILABLE", "cid"))
        self.assertFalse(persistence.is_open())

    async def test_a_server_older_than_4_0_fails_open(self) -> None:
        """txmongo 26 drops servers below wire version 7 (and keeps retrying until closed)."""
        old = self.server.autoresponds("ismaster", {"ismaster": True, "minWireVersion": 0, "maxWireVersion": 6})
        self.addCleanup(old.cancel)
        persistence = IdentifiableMongoDbPersistence()
        persistence.configure(config_for(self.server.port, connect_timeout=200))
        with self.assertRaises(ConnectionException):
            await persistence.open(None)
        self.assertEqual(self.script.requests, [])
        self.flushWarnings()

    async def test_the_connection_comes_back_with_the_server(self) -> None:
        outage = Outage(self.server.port)
        outage.up()
        self.addCleanup(outage.down)
        persistence = await self.open(port=outage.port, request_timeout=300)
        self.reply_documents({"_id": "1"})
        self.assertEqual(len(await persistence.get_list_by_filter(None, None)), 1)
        await outage.down()
        with self.assertRaises(ConnectionException) as raised:
            await persistence.get_list_by_filter(None, None)
        self.assertEqual(raised.exception.code, "MONGODB_UNAVAILABLE")
        self.assertFalse(persistence._client.connected())
        outage.up()
        result: Any = None
        for _ in range(40):  # reconnect attempts back off to max_reconnect_delay (200 ms)
            try:
                result = await persistence.get_list_by_filter(None, None)
                break
            except ConnectionException:
                await deferLater(reactor, 0.05, lambda: None)
        self.assertEqual(result, [{"id": "1"}])
