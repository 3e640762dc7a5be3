"""HttpLogger on a fake clock and a fake logging client: batching, bounded buffer, back-off, close."""

from __future__ import annotations

from typing import Any

from twisted.internet.testing import MemoryReactorClock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConfigException, NotFoundException
from pipservices_tx.infrastructure import DefaultInfrastructureFactory, HttpLogger
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import ILogger, LogLevel
from pipservices_tx.refer import Descriptor

from ._fakes import FakeServiceClient


class _Logger(HttpLogger):
    def __init__(self, client: FakeServiceClient) -> None:
        super().__init__()
        self.client = client

    def _create_client(self) -> Any:
        return self.client


class HttpLoggerTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.reactor = MemoryReactorClock()
        self.client = FakeServiceClient()
        self.logger = _Logger(self.client)
        self.logger.set_reactor(self.reactor)
        self.logger.configure(ConfigParams.from_value({
            "level": "debug", "source": "svc", "connection": {"uri": "http://logs:8090"},
            "options": {"interval": 1000, "max_cache_size": 3, "max_buffer_size": 5, "retry_delay": 500,
                        "max_retry_delay": 2000, "timeout": 3000},
        }))

    def open(self) -> None:
        self.successResultOf(self.logger.open(None))

    def messages(self, call: int) -> list[str]:
        return [m["message"] for m in self.client.payloads()[call]]

    def test_interfaces_and_factory(self) -> None:
        self.assertTrue(verifyObject(ILogger, self.logger))
        self.assertTrue(verifyObject(IOpenable, self.logger))
        factory = DefaultInfrastructureFactory()
        for group in ("pip-services", "pip-services-logging"):
            self.assertIsInstance(factory.create(Descriptor(group, "logger", "http", "default", "1.0")), HttpLogger)

    def test_client_gets_the_connection_and_no_retries(self) -> None:
        self.open()
        self.assertTrue(self.client.opened)
        self.assertEqual(self.client.config.get("connection.uri"), "http://logs:8090")
        self.assertEqual(self.client.config.get("options.timeout"), "3000")

    def test_bad_options_name_their_key(self) -> None:
        for key, value in (("options.interval", "0"), ("options.max_buffer_size", "many"), ("level", "loud")):
            error = self.assertRaises(ConfigException, HttpLogger().configure, ConfigParams({key: value}))
            self.assertEqual(error.details["key"], key)

    def test_batches_by_size_and_interval(self) -> None:
        self.logger.info("c0", "before open")  # kept until open
        self.open()
        self.logger.debug("c1", "one")
        self.assertEqual(self.client.calls, [])
        self.logger.trace("c1", "not at this level")
        self.logger.warn("c1", "two")  # the third entry fills a batch: sent at once
        self.assertEqual(self.messages(0), ["before open", "one", "two"])
        self.logger.error("c2", NotFoundException("c2", "GONE", "it went"), "three")
        self.reactor.advance(1)
        self.assertEqual(self.messages(1), ["three"])
        message = self.client.payloads()[1][0]
        self.assertEqual((message["level"], message["source"], message["correlation_id"]), (2, "svc", "c2"))
        self.assertEqual((message["error"]["code"], message["error"]["type"]), ("GONE", "NotFoundException"))
        self.assertTrue(message["time"].endswith("Z"))
        self.assertEqual((self.logger.sent, self.logger.dropped), (4, 0))

    def test_service_down_keeps_the_newest_counts_drops_and_reports_them(self) -> None:
        self.open()
        self.client.down = True
        for n in range(8):  # each full batch is tried (and fails) at once, then backs off
            self.logger.info(None, "m%d", n)
        self.assertEqual((self.logger.waiting, self.logger.dropped), (5, 3))
        self.client.down = False
        self.reactor.advance(2.5)  # past the back-off (0.5 s plus jitter)
        self.reactor.advance(0)
        sent = [m for payload in self.client.payloads()[1:] for m in (x["message"] for x in payload)]
        self.assertEqual(sent[0], "3 log messages were dropped while the logging service could not be reached")
        self.assertEqual(sent[1:], ["m3", "m4", "m5", "m6", "m7"])
        self.assertEqual(self.logger.waiting, 0)

    def test_a_refused_batch_is_dropped_not_retried(self) -> None:
        self.open()
        self.client.refuse = True
        for n in range(3):
            self.logger.info(None, "m%d", n)
        self.assertEqual((self.logger.dropped, self.logger.waiting), (3, 0))
        self.client.refuse = False
        self.logger.error(None, ValueError(float("nan")), "odd text \udcff")
        self.reactor.advance(1)
        self.assertEqual(len(self.client.calls), 2)
        self.assertEqual(self.client.payloads()[1][0]["message"], "odd text ?")

    def test_logging_never_fails_or_waits(self) -> None:
        self.open()
        self.client.manual = True  # the service never answers
        for n in range(50):
            self.logger.info(None, "m%d", n)
        self.assertEqual(len(self.client.calls), 1)
        self.assertEqual(self.logger.waiting, 5)

    def test_close_sends_the_rest_and_counts_what_it_cannot(self) -> None:
        self.open()
        self.logger.info(None, "last words")
        self.successResultOf(self.logger.close(None))
        self.assertEqual(self.messages(0), ["last words"])
        self.assertTrue(self.client.closed)
        self.assertFalse(self.logger.is_open())

        other = FakeServiceClient()
        logger = _Logger(other)
        logger.set_reactor(self.reactor)
        self.successResultOf(logger.open(None))
        other.down = True
        logger.info(None, "lost")
        self.successResultOf(logger.close(None))
        self.assertEqual((logger.dropped, logger.waiting), (1, 0))
        self.reactor.advance(100)
        self.assertEqual(len(other.calls), 1)  # nothing runs after close
        self.assertEqual(LogLevel.INFO, logger.level)
