"""RestClient over real loopback sockets: a twisted.web server on an ephemeral port and a unix socket."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from twisted.internet import defer, reactor
from twisted.internet.address import IPv4Address
from twisted.python.failure import Failure
from twisted.trial.unittest import TestCase
from twisted.web.server import Site

from pipservices_tx.clients import CommandableHttpClient, RestClient
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException, NotFoundException

from .fake_service import FakeService


class TrackingSite(Site):
    """A Site that knows its connections: one Deferred each, fired when it is lost."""

    def __init__(self, resource: Any) -> None:
        super().__init__(resource)
        self.lost: list[defer.Deferred[None]] = []

    def buildProtocol(self, addr: Any) -> Any:  # noqa: N802
        protocol = super().buildProtocol(addr)
        lost: defer.Deferred[None] = defer.Deferred()
        self.lost.append(lost)
        original = protocol.connectionLost

        def connection_lost(reason: Failure) -> None:
            original(reason)
            lost.callback(None)

        protocol.connectionLost = connection_lost
        return protocol

    def open_connections(self) -> int:
        return sum(1 for d in self.lost if not d.called)


class _GetClient(RestClient):
    def get(self, command: str) -> Any:
        return self._call("GET", command, "cid")


class LoopbackTests(TestCase):
    def setUp(self) -> None:
        self.service = FakeService()
        self.site = TrackingSite(self.service)
        self.port = reactor.listenTCP(0, self.site, interface="127.0.0.1")  # type: ignore[attr-defined]
        self.addCleanup(self._stop)
        address = self.port.getHost()
        assert isinstance(address, IPv4Address)
        self.config = ConfigParams.from_tuples(
            "connection.protocol", "http", "connection.host", "127.0.0.1", "connection.port", address.port,
            "options.retries", 1, "options.retry_delay", 1, "options.timeout", 5000,
        )

    async def _stop(self) -> None:
        if self.port is not None:
            await self.port.stopListening()
            self.port = None

    async def _client(self, cls: type[RestClient] = CommandableHttpClient) -> Any:
        client = cls("v1/dummy")
        client.configure(self.config)
        await client.open(None)
        self.addCleanup(client.close, None)
        return client

    async def test_calls_reuse_one_persistent_connection(self) -> None:
        client = await self._client()
        for index in range(5):
            result = await client.call_command("echo", f"c{index}", {"n": index})
            self.assertEqual(result["args"], {"n": index})
        self.assertIsNone(await client.call_command("nothing", None, {}))
        self.assertEqual(len(self.site.lost), 1)

    async def test_errors_over_the_wire(self) -> None:
        client = await self._client()
        body = {"category": "NotFound", "code": "NO_THING", "message": "no", "details": {"id": "7"}}
        with self.assertRaises(NotFoundException) as caught:
            await client.call_command("fail", "c-err", body)
        self.assertEqual((caught.exception.code, caught.exception.correlation_id), ("NO_THING", "c-err"))
        self.assertEqual(caught.exception.details, {"id": "7"})

    async def test_close_closes_pooled_connections(self) -> None:
        client = await self._client()
        await client.call_command("echo", None, {})
        self.assertEqual(self.site.open_connections(), 1)
        await client.close(None)
        await defer.gatherResults(self.site.lost)
        self.assertEqual(self.site.open_connections(), 0)

    async def test_stopped_server_refuses_quickly(self) -> None:
        client = await self._client()
        await client.call_command("echo", None, {})
        await self._stop()
        # Reopening drops the pooled connection, which outlives the listening port.
        await client.close(None)
        await defer.gatherResults(self.site.lost)
        await client.open(None)
        with self.assertRaises(ConnectionException) as caught:
            await client.call_command("echo", "c-down", {})
        error = caught.exception
        self.assertEqual((error.code, error.correlation_id), ("CONNECTION_REFUSED", "c-down"))
        assert error.details is not None
        self.assertEqual(error.details["method"], "POST")
        self.assertIn("/v1/dummy/echo?correlation_id=c-down", error.details["url"])

    async def test_refused_get_is_retried(self) -> None:
        await self._stop()
        client = await self._client(_GetClient)
        with self.assertRaises(ConnectionException) as caught:
            await client.get("echo")
        self.assertEqual(caught.exception.code, "CONNECTION_REFUSED")


class UnixSocketTests(TestCase):
    async def test_endpoint_string(self) -> None:
        directory = tempfile.mkdtemp()
        path = os.path.join(directory, "svc.sock")
        site = TrackingSite(FakeService())
        port = reactor.listenUNIX(path, site)  # type: ignore[attr-defined]
        self.addCleanup(port.stopListening)
        client = CommandableHttpClient("v1/dummy")
        client.configure(ConfigParams.from_tuples("connection.endpoint", f"unix:path={path}"))
        await client.open(None)
        self.addCleanup(client.close, None)
        result = await client.call_command("echo", "u", {"via": "unix"})
        self.assertEqual(result, {"method": "POST", "args": {"via": "unix"}, "correlation_id": "u"})
