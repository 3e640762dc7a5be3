"""HarnessReactor: listening with no socket, and ports that stop listening."""

from __future__ import annotations

from twisted.internet.interfaces import IListeningPort
from twisted.internet.protocol import Factory
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.testing import FakeListeningPort, HarnessReactor


class HarnessReactorTests(SynchronousTestCase):
    def test_listen_tcp_records_and_tracks_the_port(self) -> None:
        reactor = HarnessReactor()
        factory = Factory()
        port = reactor.listenTCP(8080, factory, interface="127.0.0.1")
        verifyObject(IListeningPort, port)
        self.assertEqual(reactor.tcpServers, [(8080, factory, 50, "127.0.0.1")])
        self.assertEqual(port.getHost().port, 8080)
        self.assertEqual(reactor.listening_ports(), [port])
        self.assertIs(port.factory, factory)

    def test_stop_listening_fires_and_clears_the_flag(self) -> None:
        reactor = HarnessReactor()
        port = reactor.listenTCP(0, Factory())
        self.assertIsNone(self.successResultOf(port.stopListening()))
        self.assertFalse(port.listening)
        self.assertEqual(reactor.listening_ports(), [])
        self.assertEqual(reactor.ports, [port])

    def test_ssl_and_unix(self) -> None:
        reactor = HarnessReactor()
        ssl = reactor.listenSSL(8443, Factory(), None)
        unix = reactor.listenUNIX("/tmp/x.sock", Factory())
        self.assertEqual(len(reactor.sslServers), 1)
        self.assertEqual(len(reactor.unixServers), 1)
        self.assertEqual(reactor.listening_ports(), [ssl, unix])
        self.assertIsInstance(unix, FakeListeningPort)

    def test_it_is_a_clock(self) -> None:
        reactor = HarnessReactor()
        calls: list[float] = []
        reactor.callLater(2, lambda: calls.append(reactor.seconds()))
        reactor.advance(2)
        self.assertEqual(calls, [2.0])
