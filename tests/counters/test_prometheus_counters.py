"""PrometheusCounters: the text of its counters, and pushes to a gateway (StubTreq)."""

from prometheus_client.parser import text_string_to_metric_families
from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from twisted.web.resource import Resource
from twisted.web.server import Request
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.counters import ICounters, ITimingCallback, PrometheusCounters
from pipservices_tx.errors import ConnectionException, InvocationException
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import with_reactor

from ._support import CapturingLogger


class Gateway(Resource):
    """A push gateway that keeps what it is sent and answers C{code}."""

    isLeaf = True

    def __init__(self, code: int = 200) -> None:
        super().__init__()
        self.code = code
        self.pushes: list[tuple[bytes, bytes, bytes]] = []

    def render_PUT(self, request: Request) -> bytes:
        assert request.content is not None
        self.pushes.append((request.uri, request.getHeader(b"content-type") or b"", request.content.read()))
        request.setResponseCode(self.code)
        return b"oops" if self.code >= 300 else b""


def _counters(clock: Clock, client: object = None, **config: str) -> PrometheusCounters:
    counters = with_reactor(PrometheusCounters(http_client=client), clock)
    counters.instance = "host1"
    counters.configure(ConfigParams.from_tuples(*[x for kv in config.items() for x in kv]))
    counters.set_references(References.from_tuples(CONTEXT_INFO_DESCRIPTOR, ContextInfo("beacons")))
    return counters


class PrometheusCountersTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        counters = with_reactor(PrometheusCounters(), Clock())
        for interface in (ICounters, ITimingCallback, IOpenable):
            self.assertTrue(verifyObject(interface, counters))

    def test_to_text(self) -> None:
        clock = Clock()
        counters = _counters(clock)
        counters.increment_one("v1.beacons.get_beacons.exec_count")
        with counters.begin_timing("v1.beacons.get_beacons.exec_time"):
            clock.advance(0.012)
        families = {f.name: f for f in text_string_to_metric_families(counters.to_text())}
        labels = {"service": "v1.beacons", "command": "get_beacons", "source": "beacons", "instance": "host1"}
        self.assertEqual([(s.labels, s.value) for s in families["exec_count"].samples], [(labels, 1)])
        self.assertEqual([(s.labels, s.value) for s in families["exec_time_max"].samples], [(labels, 12.0)])

    def test_push_uri_from_parts(self) -> None:
        counters = _counters(Clock(), **{"connection.protocol": "https", "connection.host": "gw", "connection.port": "9091"})
        self.assertEqual(counters.push_uri, "https://gw:9091")
        self.assertIsNone(_counters(Clock()).push_uri)

    def test_no_push_without_connection(self) -> None:
        gateway = Gateway()
        counters = _counters(Clock(), StubTreq(gateway))
        counters.increment_one("a.b.exec_count")
        self.successResultOf(counters.dump())
        self.assertEqual(gateway.pushes, [])

    def test_pushes_on_interval_and_close(self) -> None:
        clock, gateway = Clock(), Gateway()
        counters = _counters(clock, StubTreq(gateway), **{"connection.uri": "http://gw:9091/", "options.interval": "10000"})
        self.successResultOf(counters.open(None))
        counters.increment_one("a.b.exec_count")
        clock.advance(10)
        self.assertEqual(len(gateway.pushes), 1)
        uri, content_type, body = gateway.pushes[0]
        self.assertEqual((uri, content_type), (b"/metrics/job/beacons/instance/host1", b"text/plain"))
        self.assertEqual(body.decode("utf-8"), counters.to_text())
        counters.increment_one("a.b.exec_count")
        self.successResultOf(counters.close(None))
        self.assertEqual(len(gateway.pushes), 2)
        self.assertIn(b"exec_count{", gateway.pushes[1][2])
        self.assertIn(b"} 2\n", gateway.pushes[1][2])

    def test_rejected_push(self) -> None:
        counters = _counters(Clock(), StubTreq(Gateway(code=500)), **{"connection.uri": "http://gw:9091"})
        counters.increment_one("a")
        failure = self.failureResultOf(counters.dump(), InvocationException)
        self.assertEqual(failure.value.details, {"status": 500})

    def test_unreachable_gateway_is_logged_on_close(self) -> None:
        class Refusing:
            def put(self, url: str, **kwargs: object) -> object:
                from twisted.internet.defer import fail
                from twisted.internet.error import ConnectionRefusedError

                return fail(ConnectionRefusedError())

        counters = _counters(Clock(), Refusing(), **{"connection.uri": "http://gw:9091"})
        logger = CapturingLogger()
        counters.set_references(References.from_tuples(Descriptor("t", "logger", "t", "t", "1.0"), logger))
        counters.increment_one("a")
        self.failureResultOf(counters.dump(), ConnectionException)
        self.successResultOf(counters.close("c1"))
        self.assertEqual([(e.correlation_id, type(e.error)) for e in logger.entries], [("c1", ConnectionException)])
