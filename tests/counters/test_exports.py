"""Pins the public names of pipservices_tx.counters."""

from twisted.trial.unittest import SynchronousTestCase

import pipservices_tx.counters as counters


class ExportsTests(SynchronousTestCase):
    def test_all(self) -> None:
        self.assertEqual(
            sorted(counters.__all__),
            sorted([
                "CONTENT_TYPE", "COUNTERS_LOCATOR", "CachedCounters", "CompositeCounters", "Counter",
                "CounterTiming", "CounterType", "DefaultCountersFactory", "ICounters", "ITimingCallback",
                "LogCounters", "NullCounters", "PrometheusCounters", "PrometheusMetricsResource",
                "counters_to_prometheus_text", "format_counter", "merge_counters", "sanitize_metric_name", "split_counter_name",
            ]),
        )
        for name in counters.__all__:
            self.assertTrue(hasattr(counters, name), name)
