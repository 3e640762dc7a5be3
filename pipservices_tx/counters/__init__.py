"""Counters: timings, statistics and totals of a service, logged or exposed to Prometheus."""

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
