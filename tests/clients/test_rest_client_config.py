"""Where RestClient sends its calls: connection parts, uri, endpoint string or discovery key."""

from __future__ import annotations

from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.internet.testing import MemoryReactorClock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.clients import CommandableHttpClient
from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import MemoryDiscovery
from pipservices_tx.errors import ConfigException
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import with_reactor

from .fake_service import FakeService


def base_url_of(*tuples: object) -> str | None:
    client = with_reactor(CommandableHttpClient("v1/x", http_client=StubTreq(FakeService())), Clock())
    client.configure(ConfigParams.from_tuples(*tuples))
    client.open(None)
    return client.base_url


class BaseUrlTests(SynchronousTestCase):
    def test_protocol_host_port(self) -> None:
        self.assertEqual(
            base_url_of("connection.protocol", "https", "connection.host", "svc", "connection.port", 8443),
            "https://svc:8443",
        )

    def test_protocol_defaults_to_http_and_port_may_be_absent(self) -> None:
        self.assertEqual(base_url_of("connection.host", "svc"), "http://svc")

    def test_ipv6_host_is_bracketed(self) -> None:
        self.assertEqual(base_url_of("connection.host", "::1", "connection.port", 80), "http://[::1]:80")

    def test_uri(self) -> None:
        self.assertEqual(base_url_of("connection.uri", "http://svc:1234/prefix/"), "http://svc:1234/prefix")

    def test_endpoint_string(self) -> None:
        self.assertEqual(base_url_of("connection.endpoint", "unix:path=/tmp/s.sock"), "http://localhost")
        self.assertEqual(base_url_of("connection.endpoint", "tcp:host=10.0.0.1:port=80"), "http://10.0.0.1")
        self.assertEqual(base_url_of("connection.endpoint", "tcp:svc.local:8080"), "http://svc.local")
        self.assertEqual(base_url_of("endpoint", "tls:host=svc:port=443"), "https://svc")

    def test_discovery_key(self) -> None:
        discovery = MemoryDiscovery(ConfigParams.from_tuples("dummy.host", "found", "dummy.port", 7070))
        client = with_reactor(CommandableHttpClient("v1/x", http_client=StubTreq(FakeService())), Clock())
        client.configure(ConfigParams.from_tuples("connection.discovery_key", "dummy"))
        client.set_references(References.from_tuples(
            Descriptor("pip-services", "discovery", "memory", "default", "1.0"), discovery))
        self.successResultOf(client.open(None))
        self.assertEqual(client.base_url, "http://found:7070")

    def test_unknown_discovery_key_fails_open(self) -> None:
        client = with_reactor(CommandableHttpClient("v1/x", http_client=StubTreq(FakeService())), Clock())
        client.configure(ConfigParams.from_tuples("connection.discovery_key", "nowhere"))
        client.set_references(References.from_tuples(
            Descriptor("pip-services", "discovery", "memory", "default", "1.0"), MemoryDiscovery()))
        self.failureResultOf(client.open("c"), ConfigException)
        self.assertFalse(client.is_open())

    def test_wrong_protocol(self) -> None:
        client = with_reactor(CommandableHttpClient("v1/x", http_client=StubTreq(FakeService())), Clock())
        client.configure(ConfigParams.from_tuples("connection.protocol", "ftp", "connection.host", "h"))
        error = self.failureResultOf(client.open("c"), ConfigException).value
        self.assertEqual((error.code, error.correlation_id), ("WRONG_PROTOCOL", "c"))

    def test_no_connection(self) -> None:
        client = with_reactor(CommandableHttpClient("v1/x", http_client=StubTreq(FakeService())), Clock())
        client.configure(ConfigParams())
        self.assertEqual(self.failureResultOf(client.open(None), ConfigException).value.code, "NO_CONNECTION")

    def test_base_route_from_config(self) -> None:
        service = FakeService()
        client = with_reactor(CommandableHttpClient("v1/x", http_client=StubTreq(service)), Clock())
        client.configure(ConfigParams.from_tuples("connection.host", "h", "base_route", "/v2/other/"))
        self.successResultOf(client.open(None))
        self.successResultOf(client.call_command("echo", None, {}))
        self.assertEqual(service.requests[0][1], "/v2/other/echo")


class PoolTests(SynchronousTestCase):
    def test_own_pool_is_persistent_with_max_connections(self) -> None:
        reactor = MemoryReactorClock()
        client = with_reactor(CommandableHttpClient("v1/x"), reactor)
        client.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 8080,
                                                  "options.max_connections", 5))
        self.successResultOf(client.open(None))
        assert client._instances is not None
        (instance,) = client._instances.instances
        pool = instance.pool
        assert pool is not None
        self.assertTrue(pool.persistent)
        self.assertEqual(pool.maxPersistentPerHost, 5)
        self.successResultOf(client.close(None))
        self.assertIsNone(client._instances)
        self.assertFalse(client.is_open())

    def test_injected_client_needs_no_pool(self) -> None:
        client = with_reactor(CommandableHttpClient("v1/x", http_client=StubTreq(FakeService())), Clock())
        client.configure(ConfigParams.from_tuples("connection.host", "h"))
        self.successResultOf(client.open(None))
        assert client._instances is not None
        self.assertEqual([i.pool for i in client._instances.instances], [None])
        self.successResultOf(client.close(None))
