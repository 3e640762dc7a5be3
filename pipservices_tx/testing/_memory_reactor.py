# -*- test-case-name: tests.testing.test_memory_reactor -*-
"""HarnessReactor: a MemoryReactorClock whose fake ports know whether they still listen."""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import Deferred, succeed
from twisted.internet.interfaces import IListeningPort
from twisted.internet.testing import MemoryReactorClock
from zope.interface import implementer


@implementer(IListeningPort)
class FakeListeningPort:
    """
    What C{listenTCP}/C{listenSSL}/C{listenUNIX} return: no socket, the
    address that was asked for, the factory, and a C{listening} flag that
    C{stopListening} clears (and answers with a fired Deferred, as a real
    port does).
    """

    def __init__(self, address: Any, factory: Any) -> None:
        self.address = address
        self.factory = factory
        self.listening = True

    def startListening(self) -> None:
        self.listening = True

    def stopListening(self) -> Deferred[None]:
        self.listening = False
        return succeed(None)

    def getHost(self) -> Any:
        return self.address


class HarnessReactor(MemoryReactorClock):
    """
    The reactor L{ContainerHarness} uses unless given one. Like
    C{MemoryReactorClock} it records C{tcpServers}, C{sslServers},
    C{unixServers} and client connections without touching a socket, and
    C{advance(seconds)} runs what was scheduled; in addition C{ports} holds
    every port it handed out, so a test can check that a component stopped
    listening when it closed (L{listening_ports}).
    """

    def __init__(self) -> None:
        super().__init__()
        self.ports: list[FakeListeningPort] = []

    def _track(self, port: Any, factory: Any) -> FakeListeningPort:
        tracked = FakeListeningPort(port.getHost(), factory)
        self.ports.append(tracked)
        return tracked

    def listenTCP(self, port: int, factory: Any, backlog: int = 50, interface: str = "") -> Any:
        return self._track(super().listenTCP(port, factory, backlog, interface), factory)

    def listenSSL(
        self, port: int, factory: Any, contextFactory: Any, backlog: int = 50, interface: str = ""
    ) -> Any:
        return self._track(super().listenSSL(port, factory, contextFactory, backlog, interface), factory)

    def listenUNIX(
        self, address: str, factory: Any, backlog: int = 50, mode: int = 0o666, wantPID: int = 0
    ) -> Any:
        return self._track(super().listenUNIX(address, factory, backlog, mode, wantPID), factory)

    def listening_ports(self) -> list[FakeListeningPort]:
        """The ports not stopped yet."""
        return [port for port in self.ports if port.listening]
