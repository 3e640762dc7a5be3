"""Connection limits on real loopback sockets: slow headers, idle keep-alives, overload, drain."""

from __future__ import annotations

import json
from typing import Any

from twisted.internet import reactor, task
from twisted.internet.defer import Deferred, ensureDeferred
from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol
from twisted.internet.error import ConnectionRefusedError
from twisted.internet.protocol import Protocol
from twisted.trial.unittest import TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.lifecycle import IDrainable
from pipservices_tx.refer import References
from pipservices_tx.services import ENDPOINT_DESCRIPTOR, HttpEndpoint, RestService


class _Raw(Protocol):
    """A raw TCP client that records what it gets and when the server hangs up."""

    def __init__(self) -> None:
        self.data = b""
        self.closed: Deferred[None] = Deferred()

    def dataReceived(self, data: bytes) -> None:
        self.data += data

    def connectionLost(self, reason: Any = None) -> None:
        self.closed.callback(None)


class SlowService(RestService):
    base_route = "slow"

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[Deferred[Any]] = []

    def register(self) -> None:
        self.register_route("GET", "/wait", self._wait)
        self.register_route("GET", "/now", lambda request: {"now": True})

    def _wait(self, request: Any) -> Deferred[Any]:
        d: Deferred[Any] = Deferred()
        self.pending.append(d)
        return d


def _sleep(seconds: float) -> Deferred[None]:
    return task.deferLater(reactor, seconds, lambda: None)


class EndpointLimitsTests(TestCase):
    timeout = 20

    async def _open(self, **options: Any) -> None:
        self.endpoint = HttpEndpoint()
        config = ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 0)
        for key, value in options.items():
            config[f"options.{key}"] = str(value)
        self.endpoint.configure(config)
        self.service = SlowService()
        self.service.set_references(References.from_tuples(ENDPOINT_DESCRIPTOR, self.endpoint))
        await self.endpoint.open(None)
        await self.service.open(None)
        self.addCleanup(self.endpoint.close, None)
        self.addCleanup(self.service.close, None)

    async def _connect(self) -> _Raw:
        endpoint = TCP4ClientEndpoint(reactor, "127.0.0.1", self.endpoint.port)
        return await connectProtocol(endpoint, _Raw())

    async def _get(self, raw: _Raw, path: str) -> None:
        raw.transport.write(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())  # type: ignore[union-attr]

    def test_slow_headers_are_cut_off(self) -> Any:
        async def run() -> None:
            await self._open(header_timeout=0.3, idle_timeout=30)
            raw = await self._connect()
            for part in (b"GET /slow/now HTTP/1.1\r\n", b"Host: x\r\n", b"X-A: 1\r\n", b"X-B: 2\r\n", b"X-C: 3\r\n"):
                if raw.closed.called:
                    break
                raw.transport.write(part)  # type: ignore[union-attr]
                await _sleep(0.1)
            await raw.closed.addTimeout(3, reactor)
            self.assertTrue(raw.data.startswith(b"HTTP/1.1 408"), raw.data)
        return ensureDeferred(run())

    def test_idle_keep_alive_times_out_but_working_one_does_not(self) -> Any:
        async def run() -> None:
            await self._open(idle_timeout=0.4, header_timeout=5)
            idle = await self._connect()
            busy = await self._connect()
            for _ in range(4):
                await self._get(busy, "/slow/now")
                await _sleep(0.15)
            await idle.closed.addTimeout(3, reactor)
            self.assertFalse(busy.closed.called)
            self.assertEqual(busy.data.count(b"HTTP/1.1 200"), 4)
        return ensureDeferred(run())

    def test_overload_answers_503_with_retry_after(self) -> Any:
        async def run() -> None:
            await self._open(max_concurrent_requests=2, retry_after=3)
            clients = [await self._connect() for _ in range(3)]
            for raw in clients[:2]:
                await self._get(raw, "/slow/wait")
            while len(self.service.pending) < 2:
                await _sleep(0.01)
            await self._get(clients[2], "/slow/now")
            while b"\r\n\r\n" not in clients[2].data:
                await _sleep(0.01)
            head, _, body = clients[2].data.partition(b"\r\n\r\n")
            self.assertTrue(head.startswith(b"HTTP/1.1 503"), head)
            self.assertIn(b"retry-after: 3", head.lower())
            self.assertEqual(json.loads(body)["code"], "OVERLOADED")
            for d in self.service.pending:
                d.callback({"done": True})
            for raw in clients[:2]:
                while b"done" not in raw.data:
                    await _sleep(0.01)
            self.assertEqual(self.endpoint.site.in_flight, 0)
        return ensureDeferred(run())

    def test_drain_finishes_requests_in_flight_and_refuses_new_ones(self) -> Any:
        async def run() -> None:
            await self._open(shutdown_timeout=5)
            verifyObject(IDrainable, self.endpoint)
            port = self.endpoint.port
            working, idle = await self._connect(), await self._connect()
            await self._get(working, "/slow/wait")
            while not self.service.pending:
                await _sleep(0.01)
            drained = self.endpoint.drain(None)
            await idle.closed.addTimeout(3, reactor)
            with self.assertRaises(ConnectionRefusedError):
                await connectProtocol(TCP4ClientEndpoint(reactor, "127.0.0.1", port), _Raw())
            self.assertFalse(drained.called)
            self.service.pending[0].callback({"finished": True})
            await drained
            await working.closed.addTimeout(3, reactor)
            self.assertIn(b'{"finished":true}', working.data)
            self.assertTrue(working.data.startswith(b"HTTP/1.1 200"))
        return ensureDeferred(run())

    def test_drain_gives_up_after_shutdown_timeout(self) -> Any:
        async def run() -> None:
            await self._open(shutdown_timeout=0.2)
            stuck = await self._connect()
            await self._get(stuck, "/slow/wait")
            while not self.service.pending:
                await _sleep(0.01)
            await self.endpoint.drain(None)
            await stuck.closed.addTimeout(3, reactor)
            self.service.pending[0].callback(None)
        return ensureDeferred(run())

    def test_many_idle_connections_while_serving(self) -> Any:
        async def run() -> None:
            await self._open(idle_timeout=30)
            idle = [await self._connect() for _ in range(300)]
            await _sleep(0.1)
            self.assertGreaterEqual(len(self.endpoint.site.connections), 300)
            raw = await self._connect()
            await self._get(raw, "/slow/now")
            while b"now" not in raw.data:
                await _sleep(0.01)
            for connection in idle + [raw]:
                connection.transport.loseConnection()  # type: ignore[union-attr]
        return ensureDeferred(run())
