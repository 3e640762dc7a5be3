"""
Counters: timings, statistics and totals of a service, logged or exposed to Prometheus.

The Prometheus text is our own (L{counters_to_prometheus_text}), not
prometheus_client's: in C{benchmarks/bench_prometheus.py} its native metrics
record at 0.32-0.34 of our speed and C{generate_latest} renders /metrics at
0.30-0.73, and it would rename C{exec_count} to C{exec_count_total}
(docs/performance.rst, "Prometheus exposition").
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "CachedCounters":
        from . import _cached_counters

        module = _cached_counters
    elif name in ("COUNTERS_LOCATOR", "CompositeCounters"):
        from . import _composite_counters

        module = _composite_counters
    elif name in ("Counter", "merge_counters"):
        from . import _counter

        module = _counter
    elif name == "CounterType":
        from . import _counter_type

        module = _counter_type
    elif name == "DefaultCountersFactory":
        from . import _default_factory

        module = _default_factory
    elif name in ("ICounters", "ITimingCallback"):
        from . import _interfaces

        module = _interfaces
    elif name in ("LogCounters", "format_counter"):
        from . import _log_counters

        module = _log_counters
    elif name == "NullCounters":
        from . import _null_counters

        module = _null_counters
    elif name == "PrometheusCounters":
        from . import _prometheus_counters

        module = _prometheus_counters
    elif name == "PrometheusMetricsResource":
        from . import _prometheus_resource

        module = _prometheus_resource
    elif name in ("CONTENT_TYPE", "counters_to_prometheus_text", "sanitize_metric_name", "split_counter_name"):
        from . import _prometheus_text

        module = _prometheus_text
    elif name == "CounterTiming":
        from . import _timing

        module = _timing
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
