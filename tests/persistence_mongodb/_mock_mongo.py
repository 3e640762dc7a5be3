"""A MockupDB the wire tests share, a per-test script of its replies, and a TCP outage."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Optional, Union

from twisted.internet import protocol, reactor
from twisted.internet.task import deferLater
from twisted.protocols import portforward

#: Wire version 17 is MongoDB 6.0; txmongo 26 refuses servers older than 4.0 (7).
MAX_WIRE_VERSION = 17
_HANDSHAKES = frozenset(("ismaster", "isMaster", "hello"))
_MORE_TO_COME = 2
_server: Any = None
_server_lock = threading.Lock()

Answer = Union[dict[str, Any], Callable[[Any], Any]]

DEFAULT_REPLIES: dict[str, dict[str, Any]] = {
    "find": {"cursor": {"id": 0, "ns": "testdb.items", "firstBatch": []}},
    "count": {"n": 0},
    "insert": {"n": 1},
    "update": {"n": 1, "nModified": 1},
    "delete": {"n": 0},
    "findAndModify": {"lastErrorObject": {"n": 0}, "value": None},
}


def mock_server() -> Any:
    """The module-wide MockupDB (started once; its threads are daemons)."""
    global _server
    with _server_lock:
        if _server is None:
            from mockupdb import MockupDB

            _server = MockupDB(auto_ismaster=True, max_wire_version=MAX_WIRE_VERSION)
            _server.run()
        return _server


def plain(value: Any) -> Any:
    """A decoded BSON value with OrderedDicts as dicts (key order kept), recursively."""
    if isinstance(value, (dict, OrderedDict)):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


class Script:
    """
    Records every command a test's clients send (but the handshake) and
    answers by command name: a reply document, or a function of the request
    that replies itself (C{request.replies(...)}, C{hangup()}) and returns
    True, or returns True without replying to leave the client waiting.
    """

    def __init__(self) -> None:
        self.requests: list[Any] = []
        self.answers: dict[str, Answer] = dict(DEFAULT_REPLIES)

    def on(self, name: str, answer: Answer) -> None:
        self.answers[name] = answer

    def handle(self, request: Any) -> bool:
        name = request.command_name
        if name in _HANDSHAKES:
            return False
        self.requests.append(request)
        if request.flags and request.flags & _MORE_TO_COME:
            return True
        answer = self.answers.get(name, {})
        if callable(answer):
            return bool(answer(request))
        request.replies(dict(answer))
        return True

    def commands(self, name: Optional[str] = None) -> list[dict[str, Any]]:
        """The bodies of the recorded commands (named C{name}), without session and cluster fields."""
        result = []
        for request in list(self.requests):
            if name is None or request.command_name == name:
                body = plain(request.doc)
                for key in ("lsid", "$clusterTime"):
                    body.pop(key, None)
                result.append(body)
        return result

    def names(self) -> list[str]:
        return [request.command_name for request in list(self.requests)]


class _Server(portforward.ProxyServer):
    def connectionMade(self) -> None:
        self.factory.outage.live.add(self)
        super().connectionMade()

    def connectionLost(self, reason: Any) -> None:
        self.factory.outage.live.discard(self)
        super().connectionLost(reason)


class _Client(portforward.ProxyClient):
    def connectionMade(self) -> None:
        self.peer.factory.outage.live.add(self)
        super().connectionMade()

    def connectionLost(self, reason: Any) -> None:
        self.peer.factory.outage.live.discard(self)
        super().connectionLost(reason)


class _ClientFactory(portforward.ProxyClientFactory):
    protocol = _Client


class _Forwarder(portforward.ProxyFactory):
    protocol = _Server

    def __init__(self, host: str, port: int, outage: Outage) -> None:
        super().__init__(host, port)
        self.outage = outage


_Server.clientProtocolFactory = _ClientFactory


class Outage:
    """
    A TCP forwarder on 127.0.0.1 to C{target_port} that can go down (stops
    listening and cuts every connection: clients are refused) and come back
    on the same port.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = 0
        self.live: set[protocol.Protocol] = set()
        self._listening: Any = None

    def up(self) -> None:
        self._listening = reactor.listenTCP(  # type: ignore[attr-defined]
            self.port, _Forwarder("127.0.0.1", self.target_port, self), interface="127.0.0.1"
        )
        self.port = self._listening.getHost().port

    async def down(self) -> None:
        listening, self._listening = self._listening, None
        if listening is not None:
            await listening.stopListening()
        for connection in list(self.live):
            connection.transport.abortConnection()
        for _ in range(200):
            if not self.live:
                return
            await deferLater(reactor, 0.01, lambda: None)
