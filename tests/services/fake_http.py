"""An HttpEndpoint on a MemoryReactorClock, with connections over fake transports: no socket, no real time."""

from __future__ import annotations

import json
from typing import Any, Optional

from twisted.internet.address import IPv4Address
from twisted.internet.defer import Deferred
from twisted.internet.testing import MemoryReactorClock, StringTransport

from pipservices_tx.config import ConfigParams
from pipservices_tx.refer import References
from pipservices_tx.services import ENDPOINT_DESCRIPTOR, HttpEndpoint, RestService


class ClientTransport(StringTransport):
    """
    The server side of one connection, behaving like a TCP transport towards
    its producer (the channel): over C{bufferSize} bytes not yet taken by the
    client, it pauses the producer; when the client reads all, it resumes it.
    A half-close by the client is L{client_half_closes}.
    """

    bufferSize = 1 << 16

    def __init__(self, port: int) -> None:
        super().__init__(peerAddress=IPv4Address("TCP", "127.0.0.1", port))
        self._producer_paused = False

    def _checkState(self) -> None:
        """Like a TCP transport, pausing or resuming a closing one does nothing (no error)."""

    def unregisterProducer(self) -> None:
        self.producer = None

    @property
    def dataBuffer(self) -> bytes:
        return self.value()

    def write(self, data: bytes) -> None:
        super().write(data)
        self._maybe_pause()

    def writeSequence(self, data: Any) -> None:
        super().writeSequence(data)
        self._maybe_pause()

    def _maybe_pause(self) -> None:
        if self.producer is not None and not self._producer_paused and len(self.value()) > self.bufferSize:
            self._producer_paused = True
            self.producer.pauseProducing()

    def client_reads(self) -> bytes:
        """Everything sent so far, as the client takes it; resumes a paused producer."""
        data = self.value()
        self.clear()
        if self._producer_paused and self.producer is not None:
            self._producer_paused = False
            self.producer.resumeProducing()
        return data


class Connection:
    """A client connected to the fake endpoint: what it sends, what it reads."""

    def __init__(self, channel: Any, transport: ClientTransport) -> None:
        self.channel = channel
        self.transport = transport

    def send(self, data: bytes) -> None:
        self.channel.dataReceived(data)

    def get(self, path: str, headers: str = "") -> None:
        self.send(f"GET {path} HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())

    def read(self) -> bytes:
        return self.transport.client_reads()

    @property
    def closing(self) -> bool:
        return bool(self.transport.disconnecting)

    def lose(self) -> None:
        """The transport reports the connection gone (after a close, or the client vanishing)."""
        from twisted.internet.error import ConnectionDone
        from twisted.python.failure import Failure

        self.channel.connectionLost(Failure(ConnectionDone()))


def answers(data: bytes) -> list[tuple[int, dict[str, str], bytes]]:
    """The HTTP/1.1 answers in C{data}: status, headers (lower-case names), body (by Content-Length)."""
    result = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        result.append((status, headers, rest[:length]))
        data = rest[length:]
    return result


def error_code(body: bytes) -> Optional[str]:
    return json.loads(body).get("code") if body else None


class SlowService(RestService):
    """C{/slow/wait} answers when the test fires its Deferred; C{/slow/now} at once; C{/slow/big} C{big} bytes."""

    base_route = "slow"

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[Deferred[Any]] = []
        self.big = 1 << 20

    def register(self) -> None:
        self.register_route("GET", "/wait", self._wait)
        self.register_route("GET", "/now", lambda request: {"now": True})
        self.register_route("POST", "/now", lambda request: {"posted": len(self.read_json(request))})
        self.register_route("GET", "/big", lambda request: {"data": "x" * self.big})

    def _wait(self, request: Any) -> Deferred[Any]:
        d: Deferred[Any] = Deferred()
        self.pending.append(d)
        return d


class FakeEndpoint:
    """An opened HttpEndpoint and a L{SlowService} on a MemoryReactorClock."""

    def __init__(self, **options: Any) -> None:
        self.reactor = MemoryReactorClock()
        self.endpoint = HttpEndpoint()
        self.endpoint.set_reactor(self.reactor)
        config = ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 8080)
        for key, value in options.items():
            config[key if "." in key else f"options.{key}"] = str(value)
        self.endpoint.configure(config)
        self.service = SlowService()
        self.service.set_references(References.from_tuples(ENDPOINT_DESCRIPTOR, self.endpoint))
        self.endpoint.open(None)
        self.service.open(None)
        self._next_port = 40000

    @property
    def site(self) -> Any:
        return self.endpoint.site

    def connect(self) -> Connection:
        self._next_port += 1
        transport = ClientTransport(self._next_port)
        channel = self.site.buildProtocol(transport.getPeer())
        channel.makeConnection(transport)
        return Connection(channel, transport)

    def advance(self, seconds: float, step: float = 0.05) -> None:
        """Moves the clock on in small steps, as a running reactor would."""
        steps = max(int(round(seconds / step)), 1)
        for _ in range(steps):
            self.reactor.advance(seconds / steps)

    def close(self) -> None:
        self.service.close(None)
        self.endpoint.close(None)
