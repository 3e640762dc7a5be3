"""Container(reactor=clock) reaches every component that touches time or the network."""

from __future__ import annotations

from typing import Any

from treq.testing import StubTreq
from twisted.internet.address import IPv4Address
from twisted.internet.testing import MemoryReactorClock, StringTransport
from twisted.trial.unittest import SynchronousTestCase
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET

from pipservices_tx.build import Factory
from pipservices_tx.clients import CommandableHttpClient
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.errors import ConnectionException
from pipservices_tx.refer import Descriptor

SILENT_CLIENT = Descriptor("test", "client", "silent", "default", "1.0")


class _Silent(Resource):
    """A server that takes every request and never answers it."""

    isLeaf = True

    def render(self, request: Any) -> Any:
        return NOT_DONE_YET


class _SilentClient(CommandableHttpClient):
    def __init__(self) -> None:
        super().__init__("v1/silent", http_client=StubTreq(_Silent()))


class _Factory(Factory):
    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(SILENT_CLIENT, _SilentClient)


CONFIG = [
    {"descriptor": "pip-services:logger:null:default:1.0"},
    {"descriptor": "pip-services:cache:memory:default:1.0", "options": {"timeout": 2000}},
    {"descriptor": "pip-services:endpoint:http:default:1.0",
     "connection": {"protocol": "http", "host": "127.0.0.1", "port": 8080}, "options": {"idle_timeout": 5}},
    {"descriptor": "test:client:silent:default:1.0",
     "connection": {"uri": "http://127.0.0.1:8080"}, "options": {"timeout": 3000, "retries": 0}},
]


class OneReactorTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = MemoryReactorClock()
        self.container = Container("one-reactor", factories=[_Factory()], reactor=self.clock)
        self.container.configure(ConfigParams.from_value(CONFIG))
        self.successResultOf(self.container.open(None))
        self.addCleanup(self.close)

    def close(self) -> None:
        closing = self.container.close(None)
        for _ in range(200):  # the endpoint's drain polls on the clock: advance it, no real time passes
            if closing.called:
                break
            self.clock.advance(0.1)
        self.successResultOf(closing)

    def get(self, descriptor: str) -> Any:
        return self.container.references.get_one_required(Descriptor.parse(descriptor))

    def test_cache_ttl_follows_the_clock(self) -> None:
        cache = self.get("pip-services:cache:memory:*:1.0")
        self.successResultOf(cache.store(None, "k", "v", None))
        self.clock.advance(1.9)
        self.assertEqual(self.successResultOf(cache.retrieve(None, "k")), "v")
        self.clock.advance(0.2)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "k")))

    def test_endpoint_listens_on_and_times_idle_connections_out_on_the_clock(self) -> None:
        endpoint = self.get("pip-services:endpoint:http:*:1.0")
        self.assertEqual([port for port, *_ in self.clock.tcpServers], [8080])
        channel = endpoint.site.buildProtocol(IPv4Address("TCP", "127.0.0.1", 40000))
        transport = StringTransport()
        channel.makeConnection(transport)
        self.clock.advance(4.9)
        self.assertFalse(transport.disconnecting)
        self.clock.advance(0.2)
        self.assertTrue(transport.disconnecting)

    def test_client_timeout_follows_the_clock(self) -> None:
        client = self.get("test:client:silent:*:1.0")
        call = client.call_command("anything", "c1", {})
        self.clock.advance(2.9)
        self.assertNoResult(call)
        self.clock.advance(0.2)
        error = self.failureResultOf(call, ConnectionException).value
        self.assertEqual(error.correlation_id, "c1")
