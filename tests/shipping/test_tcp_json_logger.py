"""Tests for CachedLogger and TcpJsonLogger (log shipping over TCP)."""

from __future__ import annotations

import json
from typing import Any

from twisted.internet import reactor
from twisted.internet.defer import Deferred, fail
from twisted.internet.error import ConnectionDone
from twisted.internet.protocol import Factory
from twisted.internet.task import Clock, deferLater
from twisted.internet.testing import MemoryReactorClock, StringTransport
from twisted.protocols.basic import LineReceiver
from twisted.python.failure import Failure
from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import MemoryDiscovery
from pipservices_tx.errors import ConfigException
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import CachedLogger, ILogger, LogEntry, LogLevel
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.shipping import DefaultLogShippingFactory, TcpJsonLogger
from pipservices_tx.testing import with_reactor


class _Recording(CachedLogger):
    def __init__(self, clock: Clock) -> None:
        super().__init__(LogLevel.DEBUG)
        self.set_reactor(clock)
        self.batches: list[list[str]] = []
        self.results: list[Any] = []

    def _save(self, entries: list[LogEntry]) -> Any:
        self.batches.append([e.message for e in entries])
        return self.results.pop(0) if self.results else None


class CachedLoggerTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.logger = _Recording(self.clock)
        self.logger.configure(ConfigParams({"level": "debug", "options.interval": "1000",
                                            "options.max_cache_size": "3"}))

    def test_interfaces(self) -> None:
        verifyObject(IOpenable, self.logger)
        verifyObject(ILogger, self.logger)

    def test_saves_on_interval(self) -> None:
        self.successResultOf(self.logger.open(None))
        self.assertTrue(self.logger.is_open())
        self.logger.info("c", "one")
        self.logger.debug("c", "two")
        self.logger.trace("c", "filtered")
        self.assertEqual(self.logger.batches, [])
        self.clock.advance(1)
        self.assertEqual(self.logger.batches, [["one", "two"]])
        self.clock.advance(1)
        self.assertEqual(len(self.logger.batches), 1)

    def test_saves_when_full(self) -> None:
        for n in range(4):
            self.logger.info(None, f"m{n}")
        self.assertEqual(self.logger.batches, [["m0", "m1", "m2"]])

    def test_close_saves_the_rest_and_stops(self) -> None:
        self.successResultOf(self.logger.open(None))
        self.logger.info(None, "last")
        self.successResultOf(self.logger.close(None))
        self.assertFalse(self.logger.is_open())
        self.assertEqual(self.logger.batches, [["last"]])
        self.logger.info(None, "after")
        self.clock.advance(10)
        self.assertEqual(self.logger.batches, [["last"]])

    def test_failed_save_is_retried_and_bounded(self) -> None:
        self.successResultOf(self.logger.open(None))
        self.logger.results = [fail(RuntimeError("down")) for _ in range(3)]
        self.logger.info(None, "a")
        self.logger.info(None, "b")
        self.clock.advance(1)
        self.logger.info(None, "c")  # full again: tried now with the failed ones
        self.assertEqual(self.logger.dropped, 0)
        self.logger.info(None, "d")
        self.assertEqual(self.logger.batches, [["a", "b"], ["a", "b", "c"], ["a", "b", "c", "d"]])
        self.assertEqual(self.logger.dropped, 1)  # only the newest max_cache_size are kept
        self.clock.advance(1)
        self.assertEqual(self.logger.batches[-1], ["b", "c", "d"])
        self.clock.advance(1)
        self.assertEqual(len(self.logger.batches), 4)

    def test_slow_save_keeps_the_newest(self) -> None:
        pending: Deferred[None] = Deferred()
        self.logger.results = [pending]
        for n in range(10):
            self.logger.info(None, f"m{n}")
        self.assertEqual(self.logger.batches, [["m0", "m1", "m2"]])
        self.assertEqual(self.logger.dropped, 4)
        pending.callback(None)
        self.assertEqual(self.logger.batches, [["m0", "m1", "m2"], ["m7", "m8", "m9"]])


def _lines(transport: StringTransport) -> list[dict[str, Any]]:
    return [json.loads(line) for line in transport.value().decode("utf-8").splitlines()]


class TcpJsonLoggerUnitTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.reactor = MemoryReactorClock()
        self.logger = with_reactor(TcpJsonLogger(), self.reactor)

    def _connect(self, index: int = 0) -> tuple[Any, StringTransport]:
        factory = self.reactor.tcpClients[index][2]
        protocol = factory.buildProtocol(None)
        transport = StringTransport()
        protocol.makeConnection(transport)
        return protocol, transport

    def test_interfaces(self) -> None:
        verifyObject(IOpenable, self.logger)
        verifyObject(ILogger, self.logger)

    def test_endpoint_from_config(self) -> None:
        cases = [
            ({"endpoint": "tcp:host=logs:port=5170"}, ("logs", 5170)),
            ({"connection.host": "logstash", "connection.port": "5000"}, ("logstash", 5000)),
            ({"connection.uri": "tcp://fluentd:24224"}, ("fluentd", 24224)),
        ]
        for config, expected in cases:
            reactor = MemoryReactorClock()
            logger = with_reactor(TcpJsonLogger(), reactor)
            logger.configure(ConfigParams(config))
            self.successResultOf(logger.open(None))
            self.assertEqual(reactor.tcpClients[0][:2], expected)
            self.successResultOf(logger.close(None))

    def test_endpoint_from_discovery(self) -> None:
        discovery = MemoryDiscovery(ConfigParams({"logs": "host=10.1.1.1;port=5170"}))
        self.logger.configure(ConfigParams({"connection.discovery_key": "logs"}))
        self.logger.set_references(References.from_tuples(
            Descriptor("pip-services", "discovery", "memory", "default", "1.0"), discovery))
        self.successResultOf(self.logger.open(None))
        self.assertEqual(self.reactor.tcpClients[0][:2], ("10.1.1.1", 5170))

    def test_no_connection(self) -> None:
        error = self.failureResultOf(self.logger.open("c"), ConfigException).value
        self.assertEqual((error.code, error.correlation_id), ("NO_CONNECTION", "c"))
        self.assertFalse(self.logger.is_open())

    def test_ships_json_lines(self) -> None:
        self.logger.configure(ConfigParams({"endpoint": "tcp:host=logs:port=1", "source": "beacons"}))
        self.successResultOf(self.logger.open(None))
        self.logger.info("c1", "before connect")
        _, transport = self._connect()
        self.assertTrue(self.logger.is_connected())
        self.logger.error("c2", ValueError("bad"), "failed %s", "x")
        lines = _lines(transport)
        self.assertEqual([(line["correlation_id"], line["level"], line["message"]) for line in lines],
                         [("c1", "INFO", "before connect"), ("c2", "ERROR", "failed x")])
        self.assertEqual(lines[1]["error"]["type"], "ValueError")
        self.assertEqual(lines[1]["source"], "beacons")

    def test_paused_transport_buffers_and_drops_oldest(self) -> None:
        self.logger.configure(ConfigParams({"endpoint": "tcp:host=logs:port=1", "options.max_buffer_size": "3"}))
        self.successResultOf(self.logger.open(None))
        protocol, transport = self._connect()
        transport.producer.pauseProducing()
        for n in range(5):
            self.logger.info(None, f"m{n}")
        self.assertEqual(transport.value(), b"")
        transport.producer.resumeProducing()
        self.assertEqual([line["message"] for line in _lines(transport)], ["dropped 2 log entries", "m2", "m3", "m4"])
        self.assertEqual(_lines(transport)[0]["level"], "WARN")
        self.assertEqual((self.logger.dropped, self.logger.dropped_total), (0, 2))

    def test_lost_connection_buffers_until_the_next(self) -> None:
        self.logger.configure(ConfigParams({"endpoint": "tcp:host=logs:port=1", "options.max_buffer_size": "2",
                                            "options.reconnect_delay": "100"}))
        self.successResultOf(self.logger.open(None))
        protocol, first = self._connect()
        protocol.connectionLost(Failure(ConnectionDone()))
        self.assertFalse(self.logger.is_connected())
        for n in range(3):
            self.logger.info(None, f"m{n}")
        self.assertEqual(first.value(), b"")
        self.reactor.advance(10)  # ClientService waits its back-off, then connects again
        _, second = self._connect(1)
        self.assertEqual([line["message"] for line in _lines(second)], ["dropped 1 log entries", "m1", "m2"])

    def test_factory(self) -> None:
        factory = DefaultLogShippingFactory()
        for kind in ("tcp", "logstash", "fluentd"):
            self.assertIsInstance(factory.create(Descriptor("pip-services", "logger", kind, "x", "1.0")),
                                  TcpJsonLogger)


class _Collector(LineReceiver):
    delimiter = b"\n"

    def connectionMade(self) -> None:
        self.factory.connections.append(self)

    def lineReceived(self, line: bytes) -> None:
        self.factory.lines.append(json.loads(line))


class _CollectorFactory(Factory):
    protocol = _Collector

    def __init__(self) -> None:
        self.lines: list[dict[str, Any]] = []
        self.connections: list[_Collector] = []


async def _until(condition: Any, what: str, tries: int = 400) -> None:
    for _ in range(tries):
        if condition():
            return
        await deferLater(reactor, 0.01, lambda: None)
    raise AssertionError(f"gave up waiting until {what}")


class TcpJsonLoggerServerTests(TestCase):
    """Against a real TCP server on a loopback port, stopped and restarted on the same port."""

    timeout = 30

    async def test_server_goes_away_and_comes_back(self) -> None:
        collector = _CollectorFactory()
        port = reactor.listenTCP(0, collector, interface="127.0.0.1")
        number = port.getHost().port
        logger = TcpJsonLogger()
        logger.configure(ConfigParams({
            "connection.host": "127.0.0.1", "connection.port": str(number), "options.max_buffer_size": "5",
            "options.reconnect_delay": "20", "options.max_reconnect_delay": "100",
        }))
        await logger.open(None)
        try:
            await _until(logger.is_connected, "connected")
            for n in range(3):
                logger.info(f"c{n}", "first %d", n)
            await _until(lambda: len(collector.lines) == 3, "3 lines arrived")
            self.assertEqual([(line["correlation_id"], line["message"]) for line in collector.lines],
                             [("c0", "first 0"), ("c1", "first 1"), ("c2", "first 2")])

            await port.stopListening()
            for connection in collector.connections:
                connection.transport.loseConnection()
            await _until(lambda: not logger.is_connected(), "the logger saw the server go")
            for n in range(12):
                logger.info(None, "second %d", n)

            collector.lines.clear()
            port = reactor.listenTCP(number, collector, interface="127.0.0.1")
            await _until(lambda: len(collector.lines) >= 6, "the buffered lines arrived")
            self.assertEqual([line["message"] for line in collector.lines],
                             ["dropped 7 log entries"] + [f"second {n}" for n in range(7, 12)])
            self.assertEqual(collector.lines[0]["level"], "WARN")
        finally:
            await logger.close(None)
            await port.stopListening()
