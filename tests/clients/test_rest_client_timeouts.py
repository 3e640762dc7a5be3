"""RestClient timeouts and retries, driven by a fake clock: which calls are retried, when, and how often."""

from __future__ import annotations

from typing import Any, Optional

from treq.testing import StubTreq
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectionRefusedError
from twisted.internet.task import Clock
from twisted.internet.testing import MemoryReactorClock
from twisted.python.failure import Failure
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.clients import RestClient
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException, InvalidStateException
from pipservices_tx.testing import with_reactor

from .fake_service import FakeService
from .support import instrumentation, stub_client


class _Client(RestClient):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__("v1/dummy", **kwargs)

    def call(self, method: str, command: str, idempotent: Optional[bool] = None) -> Any:
        return self._call(method, command, "cid", data=None if method == "GET" else {}, idempotent=idempotent)


def rest_client(service: FakeService, clock: Clock, **options: Any) -> tuple[_Client, StubTreq]:
    stub = StubTreq(service)
    client = with_reactor(_Client(http_client=stub), clock)
    config = ConfigParams.from_tuples("connection.host", "localhost", "connection.port", 8080,
                                      "options.retry_jitter", 0)
    for key, value in options.items():
        config[f"options.{key}"] = str(value)
    client.configure(config)
    client.open(None)
    return client, stub


class RequestTimeoutTests(SynchronousTestCase):
    def test_unanswered_request_times_out_and_is_cancelled(self) -> None:
        client, service, stub, clock = stub_client(timeout=500)
        d = client.call_command("hang", "cid-t", {})
        self.assertNoResult(d)
        self.assertEqual(len(service.pending), 1)
        finished = service.pending[0].notifyFinish()
        clock.advance(0.499)
        self.assertNoResult(d)
        clock.advance(0.001)
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual((error.code, error.correlation_id), ("TIMEOUT", "cid-t"))
        assert error.details is not None
        self.assertEqual(error.details["timeout"], 500)
        self.assertEqual(error.details["url"], "http://localhost:8080/v1/dummy/hang?correlation_id=cid-t")
        stub.flush()
        self.failureResultOf(finished)  # the server saw the connection go away
        self.assertEqual(clock.getDelayedCalls(), [])

    def test_stalled_body_times_out_and_drops_the_connection(self) -> None:
        client, service, stub, clock = stub_client(timeout=500)
        d = client.call_command("partial", "cid-p", {})
        stub.flush()
        finished = service.pending[0].notifyFinish()
        clock.advance(0.5)
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual(error.code, "TIMEOUT")
        stub.flush()
        self.failureResultOf(finished)

    def test_timeout_counts_an_error(self) -> None:
        clock = Clock()
        references, _, counters = instrumentation(clock)
        client, _, _, _ = stub_client(clock=clock, timeout=250)
        client.set_references(references)
        d = client.call_command("hang", None, {})
        clock.advance(0.25)
        self.failureResultOf(d, ConnectionException)
        self.assertEqual(counters.get("v1/dummy.hang.call_errors").count, 1)  # type: ignore[union-attr]
        self.assertEqual(counters.get("v1/dummy.hang.call_time").max, 250.0)  # type: ignore[union-attr]

    def test_zero_timeout_waits_forever(self) -> None:
        client, _, _, clock = stub_client(timeout=0)
        d = client.call_command("hang", None, {})
        clock.advance(3600)
        self.assertNoResult(d)

    def test_idempotent_call_is_retried_after_a_timeout(self) -> None:
        service, clock = FakeService(), Clock()
        client, _ = rest_client(service, clock, timeout=100, retries=2, retry_delay=10)
        d = client.call("GET", "hang")
        for _ in range(2):
            clock.advance(0.1)
            clock.advance(1)
        clock.advance(0.1)
        self.assertEqual(len(service.pending), 3)
        self.assertEqual(self.failureResultOf(d, ConnectionException).value.code, "TIMEOUT")


class CancellationTests(SynchronousTestCase):
    def test_cancelling_an_idempotent_call_in_flight_does_not_retry(self) -> None:
        service, clock = FakeService(), Clock()
        client, stub = rest_client(service, clock, retries=3, retry_delay=10, timeout=1000)
        d = client.call("GET", "hang")
        finished = service.pending[0].notifyFinish()
        d.cancel()
        self.failureResultOf(d, CancelledError)
        clock.advance(10)
        self.assertEqual(len(service.requests), 1)
        self.assertEqual(clock.getDelayedCalls(), [])
        stub.flush()
        self.failureResultOf(finished)

    def test_cancelling_during_the_retry_delay_stops_the_retries(self) -> None:
        service, clock = FakeService(), Clock()
        service.unavailable_left = 5
        client, _ = rest_client(service, clock, retries=3, retry_delay=100)
        d = client.call("GET", "unavailable")
        self.assertEqual(len(clock.getDelayedCalls()), 1)
        d.cancel()
        self.failureResultOf(d, CancelledError)
        self.assertEqual(clock.getDelayedCalls(), [])
        clock.advance(10)
        self.assertEqual(len(service.requests), 1)

    def test_cancellation_is_counted_as_an_error(self) -> None:
        clock = Clock()
        references, _, counters = instrumentation(clock)
        client, _, _, _ = stub_client(clock=clock)
        client.set_references(references)
        d = client.call_command("hang", None, {})
        d.cancel()
        self.failureResultOf(d, CancelledError)
        self.assertEqual(counters.get("v1/dummy.hang.call_errors").count, 1)  # type: ignore[union-attr]


class RetryTests(SynchronousTestCase):
    def test_get_is_retried_on_503_with_exponential_backoff(self) -> None:
        service, clock = FakeService(), Clock()
        service.unavailable_left = 2
        client, _ = rest_client(service, clock, retries=3, retry_delay=100, retry_jitter=0)
        d = client.call("GET", "unavailable")
        self.assertEqual(len(service.requests), 1)
        clock.advance(0.099)
        self.assertEqual(len(service.requests), 1)
        clock.advance(0.001)
        self.assertEqual(len(service.requests), 2)
        clock.advance(0.199)
        self.assertEqual(len(service.requests), 2)
        clock.advance(0.001)
        self.assertEqual(len(service.requests), 3)
        self.assertEqual(self.successResultOf(d)["method"], "GET")

    def test_backoff_is_capped(self) -> None:
        service, clock = FakeService(), Clock()
        service.unavailable_left = 3
        client, _ = rest_client(service, clock, retries=3, retry_delay=100, max_retry_delay=150)
        d = client.call("GET", "unavailable")
        clock.pump([0.1, 0.15])
        self.assertEqual(len(service.requests), 3)
        clock.advance(0.15)
        self.assertEqual(len(service.requests), 4)
        self.successResultOf(d)

    def test_get_gives_up_after_retries(self) -> None:
        service, clock = FakeService(), Clock()
        service.unavailable_left = 100
        client, _ = rest_client(service, clock, retries=2, retry_delay=10)
        d = client.call("GET", "unavailable")
        clock.pump([1, 1, 1])
        self.assertEqual(len(service.requests), 3)
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual(error.status, 503)

    def test_retry_after_close_fails_cleanly(self) -> None:
        service, clock = FakeService(), Clock()
        service.unavailable_left = 5
        client, _ = rest_client(service, clock, retries=3, retry_delay=100)
        d = client.call("GET", "unavailable")
        self.successResultOf(client.close(None))
        clock.advance(0.1)
        self.assertEqual(len(service.requests), 1)
        self.failureResultOf(d, InvalidStateException)

    def test_post_is_sent_once(self) -> None:
        service, clock = FakeService(), Clock()
        service.unavailable_left = 1
        client, stub, _, clock = stub_client(service, retries=3)
        self.failureResultOf(client.call_command("unavailable", None, {}), ConnectionException)
        self.assertEqual(len(service.requests), 1)
        self.assertEqual(clock.getDelayedCalls(), [])

    def test_post_flagged_idempotent_is_retried(self) -> None:
        service, clock = FakeService(), Clock()
        service.unavailable_left = 1
        client, _ = rest_client(service, clock, retries=3, retry_delay=10)
        d = client.call("POST", "unavailable", idempotent=True)
        clock.advance(0.01)
        self.assertEqual(len(service.requests), 2)
        self.successResultOf(d)

    def test_get_flagged_not_idempotent_is_sent_once(self) -> None:
        service, clock = FakeService(), Clock()
        service.unavailable_left = 1
        client, _ = rest_client(service, clock, retries=3)
        self.failureResultOf(client.call("GET", "unavailable", idempotent=False), ConnectionException)
        self.assertEqual(len(service.requests), 1)

    def test_application_errors_are_not_retried(self) -> None:
        service, clock = FakeService(), Clock()
        client, _ = rest_client(service, clock, retries=3)
        self.failureResultOf(client.call("DELETE", "html_error"))
        self.assertEqual(len(service.requests), 1)
        self.assertEqual(clock.getDelayedCalls(), [])


def pooled_client(reactor: MemoryReactorClock, **options: Any) -> _Client:
    """A client with its own pool and agent over a memory reactor: connections never complete by themselves."""
    client = with_reactor(_Client(), reactor)
    config = ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 8080)
    for key, value in options.items():
        config[f"options.{key}"] = str(value)
    client.configure(config)
    client.open(None)
    return client


def refuse_last_connection(reactor: MemoryReactorClock) -> None:
    factory = reactor.tcpClients[-1][2]
    factory.clientConnectionFailed(reactor.connectors[-1], Failure(ConnectionRefusedError()))


class ConnectionFailureTests(SynchronousTestCase):
    def test_refused_get_is_retried_then_fails(self) -> None:
        reactor = MemoryReactorClock()
        client = pooled_client(reactor, retries=2, retry_delay=50)
        d = client.call("GET", "echo")
        for _ in range(2):
            refuse_last_connection(reactor)
            reactor.advance(1)
        refuse_last_connection(reactor)
        self.assertEqual(len(reactor.tcpClients), 3)
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual((error.code, error.correlation_id), ("CONNECTION_REFUSED", "cid"))
        assert error.details is not None
        self.assertEqual(error.details["url"], "http://127.0.0.1:8080/v1/dummy/echo?correlation_id=cid")

    def test_refused_post_is_not_retried(self) -> None:
        reactor = MemoryReactorClock()
        client = pooled_client(reactor, retries=2, retry_delay=50)
        d = client.call("POST", "echo")
        refuse_last_connection(reactor)
        self.assertEqual(self.failureResultOf(d, ConnectionException).value.code, "CONNECTION_REFUSED")
        reactor.advance(10)
        self.assertEqual(len(reactor.tcpClients), 1)

    def test_connect_timeout_stops_the_connection_attempt(self) -> None:
        reactor = MemoryReactorClock()
        client = pooled_client(reactor, connect_timeout=200, timeout=5000, retries=0)
        d = client.call("GET", "echo")
        self.assertEqual(len(reactor.connectors), 1)
        reactor.advance(0.199)
        self.assertNoResult(d)
        self.assertFalse(reactor.connectors[0].stoppedConnecting)
        reactor.advance(0.001)
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual(error.code, "TIMEOUT")
        assert error.details is not None
        self.assertEqual((error.details["phase"], error.details["timeout"]), ("connect", 200))
        self.assertTrue(reactor.connectors[0].stoppedConnecting)

    def test_request_timeout_shorter_than_connect_timeout_also_stops_the_attempt(self) -> None:
        reactor = MemoryReactorClock()
        client = pooled_client(reactor, connect_timeout=5000, timeout=300, retries=0)
        d = client.call("GET", "echo")
        reactor.advance(0.3)
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual(error.code, "TIMEOUT")
        assert error.details is not None
        self.assertEqual(error.details["phase"], "request")
        self.assertTrue(reactor.connectors[0].stoppedConnecting)
