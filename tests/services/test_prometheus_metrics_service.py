"""GET /metrics serves the Prometheus counters, parseable by prometheus_client."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.counters import PrometheusCounters
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.refer import References
from pipservices_tx.services import PrometheusMetricsService
from pipservices_tx.services._prometheus_metrics_service import PROMETHEUS_COUNTERS

from .helpers import StubClient


class PrometheusMetricsServiceTests(SynchronousTestCase):
    def test_metrics_of_served_commands(self) -> None:
        counters = PrometheusCounters()
        service = PrometheusMetricsService()
        references = References.from_tuples(
            CONTEXT_INFO_DESCRIPTOR, ContextInfo("beacons"),
            PROMETHEUS_COUNTERS, counters,
        )
        counters.set_references(references)
        service.set_references(references)
        counters.increment_one("v1/beacons.get_beacons.exec_count")
        counters.increment_one("v1/beacons.get_beacons.exec_count")
        response, body = StubClient(self, service.resource()).request("GET", "/metrics")
        self.assertEqual(response.code, 200)
        self.assertTrue(response.headers.getRawHeaders("content-type")[0].startswith("text/plain; version=0.0.4"))
        samples = [s for family in text_string_to_metric_families(body.decode()) for s in family.samples]
        ours = [s for s in samples if s.labels.get("command") == "get_beacons"]
        self.assertEqual(len(ours), 1)
        self.assertEqual(ours[0].value, 2)
        self.assertEqual(ours[0].labels["service"], "v1/beacons")
        self.assertEqual(ours[0].labels["source"], "beacons")
