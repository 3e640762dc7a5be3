"""GET /metrics serves the Prometheus counters, parseable by prometheus_client."""

from __future__ import annotations

import math
import re

from prometheus_client.parser import text_string_to_metric_families
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.counters import PrometheusCounters
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from pipservices_tx.refer import References
from pipservices_tx.services import PrometheusMetricsService
from pipservices_tx.services._prometheus_metrics_service import PROMETHEUS_COUNTERS

from .helpers import StubClient

_SAMPLE_LINE = re.compile(r'^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? \S+$')
_SOURCE = 'we"ird\\name\nx'


class PrometheusMetricsServiceTests(SynchronousTestCase):
    def _serve(self, counters: PrometheusCounters, source: str = "beacons") -> tuple[object, bytes]:
        service = PrometheusMetricsService()
        references = References.from_tuples(
            CONTEXT_INFO_DESCRIPTOR, ContextInfo(source),
            PROMETHEUS_COUNTERS, counters,
        )
        counters.set_references(references)
        service.set_references(references)
        return StubClient(self, service.resource()).request("GET", "/metrics")

    def test_metrics_of_served_commands(self) -> None:
        counters = PrometheusCounters()
        counters.increment_one("v1/beacons.get_beacons.exec_count")
        counters.increment_one("v1/beacons.get_beacons.exec_count")
        response, body = self._serve(counters)
        self.assertEqual(response.code, 200)
        self.assertTrue(response.headers.getRawHeaders("content-type")[0].startswith("text/plain; version=0.0.4"))
        samples = [s for family in text_string_to_metric_families(body.decode()) for s in family.samples]
        ours = [s for s in samples if s.labels.get("command") == "get_beacons"]
        self.assertEqual(len(ours), 1)
        self.assertEqual(ours[0].value, 2)
        self.assertEqual(ours[0].labels["service"], "v1/beacons")
        self.assertEqual(ours[0].labels["source"], "beacons")

    maxDiff = None

    def test_hostile_names_and_values_stay_valid(self) -> None:
        counters = PrometheusCounters()
        counters.instance = "h\u00f4te"
        counters.increment("a\"b.c\nd.exec_count", 2)
        counters.increment_one("сервис.команда.exec_count")
        counters.last("🙂.x\\y.🙂", 1.5)
        counters.increment_one("a..exec_errors")
        counters.last(".", 2.0)
        counters.last("a.b.", 3.0)
        counters.last("x.\ud800.depth", 4.0)
        counters.last("", 9.0)
        counters.last("v.inf", math.inf)
        counters.last("v.ninf", -math.inf)
        counters.last("v.huge", 1e400)
        counters.last("v.nan", math.nan)
        counters.end_timing("v.t", math.inf)
        counters.increment("v.many", 10**400)
        counters.last("v.word", "abc")  # type: ignore[arg-type]
        response, body = self._serve(counters, _SOURCE)
        self.assertEqual(response.code, 200)
        text = body.decode("utf-8")  # strict: every byte is valid UTF-8
        for line in filter(None, text.split("\n")):
            if not line.startswith("# TYPE "):
                self.assertRegex(line, _SAMPLE_LINE)
        type_lines = [line for line in text.split("\n") if line.startswith("# TYPE ")]
        self.assertEqual(len(type_lines), len(set(type_lines)))

        ctx = {"source": _SOURCE, "instance": "h\u00f4te"}
        parsed = {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples
        }
        nan = parsed.pop(("nan", tuple(sorted(dict(service="v", **ctx).items()))))
        self.assertTrue(math.isnan(nan))

        def key(name: str, **labels: str) -> tuple:
            return name, tuple(sorted(dict(labels, **ctx).items()))

        self.assertEqual(parsed, {
            key("exec_count_total", service="metrics"): 1,  # the scrape counts itself, as every route does
            key("exec_count_total", service='a"b', command="c\nd"): 2,
            key("exec_count_total", service="сервис", command="команда"): 1,
            key("_", service="🙂", command="x\\y"): 1.5,
            key("exec_errors_total", service="a"): 1,
            key("_"): 2.0,
            key("a_b_"): 3.0,
            key("depth", service="x", command="?"): 4.0,
            key("inf", service="v"): math.inf,
            key("ninf", service="v"): -math.inf,
            key("huge", service="v"): math.inf,
            key("t_max", service="v"): math.inf,
            key("t_min", service="v"): math.inf,
            key("t_average", service="v"): math.inf,
            key("t_count", service="v"): 1,
            key("many_total", service="v"): math.inf,
        })
