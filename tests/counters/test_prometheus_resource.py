"""PrometheusMetricsResource: the scrape page, requested through StubTreq."""

import treq
from prometheus_client.parser import text_string_to_metric_families
from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.counters import PrometheusCounters, PrometheusMetricsResource
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.refer import References
from pipservices_tx.testing import with_reactor


class Broken(PrometheusCounters):
    def get_all(self):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")


class PrometheusMetricsResourceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.counters = with_reactor(PrometheusCounters(), Clock())
        self.counters.instance = "host1"
        self.client = StubTreq(PrometheusMetricsResource(self.counters))

    def _get(self, client: StubTreq, url: str = "http://svc/metrics") -> tuple[int, dict, str]:
        response = self.successResultOf(client.get(url))
        body = self.successResultOf(treq.text_content(response, encoding="utf-8"))
        return response.code, response.headers, body

    def test_get(self) -> None:
        self.counters.set_references(References.from_tuples(CONTEXT_INFO_DESCRIPTOR, ContextInfo("beacons")))
        self.counters.increment("v1.beacons.get_beacons.exec_count", 3)
        code, headers, body = self._get(self.client)
        self.assertEqual(code, 200)
        self.assertEqual(headers.getRawHeaders(b"content-type"), [b"text/plain; version=0.0.4; charset=utf-8"])
        [family] = text_string_to_metric_families(body)
        self.assertEqual(
            [(s.labels, s.value) for s in family.samples],
            [({"service": "v1.beacons", "command": "get_beacons", "source": "beacons", "instance": "host1"}, 3)],
        )

    def test_reads_counters_at_each_request(self) -> None:
        self.assertEqual(self._get(self.client)[2], "")
        self.counters.last("depth", 2.0)
        self.assertEqual(self._get(self.client)[2], '# TYPE depth gauge\ndepth{instance="host1"} 2.0\n')

    def test_explicit_source_and_instance(self) -> None:
        self.counters.last("depth", 2.0)
        client = StubTreq(PrometheusMetricsResource(self.counters, source="s", instance="i"))
        self.assertEqual(self._get(client)[2], '# TYPE depth gauge\ndepth{source="s",instance="i"} 2.0\n')

    def test_only_get(self) -> None:
        response = self.successResultOf(self.client.post("http://svc/metrics", data=b""))
        self.assertEqual(response.code, 405)

    def test_failure_is_a_500(self) -> None:
        code, _, body = self._get(StubTreq(PrometheusMetricsResource(Broken(Clock()))))
        self.assertEqual((code, body), (500, "# failed to render counters\n"))
        self.assertEqual(len(self.flushLoggedErrors(RuntimeError)), 1)
