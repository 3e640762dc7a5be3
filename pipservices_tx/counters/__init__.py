"""
Counters: timings, statistics and totals of a service, logged or exposed to Prometheus.

The Prometheus text is our own (L{counters_to_prometheus_text}), not
prometheus_client's: in C{benchmarks/bench_prometheus.py} its native metrics
record at 0.32-0.34 of our speed and C{generate_latest} renders /metrics at
0.30-0.73, and it would rename C{exec_count} to C{exec_count_total}
(docs/performance.rst, "Prometheus exposition").
"""

from ._cached_counters import CachedCounters
from ._composite_counters import COUNTERS_LOCATOR, CompositeCounters
from ._counter import Counter, merge_counters
from ._counter_type import CounterType
from ._default_factory import DefaultCountersFactory
from ._interfaces import ICounters, ITimingCallback
from ._log_counters import LogCounters, format_counter
from ._null_counters import NullCounters
from ._prometheus_counters import PrometheusCounters
from ._prometheus_resource import PrometheusMetricsResource
from ._prometheus_text import CONTENT_TYPE, counters_to_prometheus_text, sanitize_metric_name, split_counter_name
from ._timing import CounterTiming

__all__ = [
    "CONTENT_TYPE",
    "COUNTERS_LOCATOR",
    "CachedCounters",
    "CompositeCounters",
    "Counter",
    "CounterTiming",
    "CounterType",
    "DefaultCountersFactory",
    "ICounters",
    "ITimingCallback",
    "LogCounters",
    "NullCounters",
    "PrometheusCounters",
    "PrometheusMetricsResource",
    "counters_to_prometheus_text",
    "format_counter",
    "merge_counters",
    "sanitize_metric_name",
    "split_counter_name",
]
