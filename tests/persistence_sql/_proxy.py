"""A TCP proxy in front of a real server, which a test can cut and restore (the server "goes away")."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet import reactor
from twisted.internet.defer import Deferred, gatherResults
from twisted.protocols.portforward import ProxyClient, ProxyClientFactory, ProxyFactory, ProxyServer


class _Tracked:
    def connectionMade(self) -> None:
        self.lost: Deferred[None] = Deferred()
        self.factory_live().add(self)
        super().connectionMade()  # type: ignore[misc]

    def connectionLost(self, reason: Any) -> None:
        super().connectionLost(reason)  # type: ignore[misc]
        self.factory_live().discard(self)
        self.lost.callback(None)

    def factory_live(self) -> set[Any]:
        raise NotImplementedError


class _Client(_Tracked, ProxyClient):
    live: set[Any]

    def factory_live(self) -> set[Any]:
        return self.live


class _Server(_Tracked, ProxyServer):
    def factory_live(self) -> set[Any]:
        return self.factory.live  # type: ignore[attr-defined, no-any-return]

    @property
    def clientProtocolFactory(self) -> Any:  # type: ignore[override]
        live = self.factory.live  # type: ignore[attr-defined]

        class Factory(ProxyClientFactory):
            def buildProtocol(self, addr: Any) -> Any:
                protocol = _Client()
                protocol.live = live
                protocol.factory = self
                protocol.setPeer(self.server)
                return protocol

        return Factory


class TcpProxy:
    """Forwards 127.0.0.1:<port> to C{host:port}; L{cut} drops every connection and stops listening."""

    def __init__(self, host: str, port: int) -> None:
        self.factory = ProxyFactory(host, port)
        self.factory.protocol = _Server  # type: ignore[assignment]
        self.factory.live = set()  # type: ignore[attr-defined]
        self.port = 0
        self._listening: Optional[Any] = None

    def start(self) -> None:
        listen = reactor.listenTCP  # type: ignore[attr-defined]
        self._listening = listen(self.port, self.factory, interface="127.0.0.1")
        self.port = self._listening.getHost().port

    async def cut(self) -> None:
        """The server went away: stops listening and aborts every proxied connection."""
        if self._listening is not None:
            listening, self._listening = self._listening, None
            await listening.stopListening()
        live = list(self.factory.live)  # type: ignore[attr-defined]
        for protocol in live:
            protocol.transport.abortConnection()
        await gatherResults([protocol.lost for protocol in live])
