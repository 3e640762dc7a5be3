"""
The same counters and /metrics page done the prometheus_client way, for
benchmarks/bench_prometheus.py: native metrics recorded per counter name, a
custom collector over our counters, and a leaf resource that answers with
C{generate_latest}.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Iterator, Optional

from prometheus_client import CollectorRegistry, Counter, Gauge, Metric, Summary, generate_latest
from twisted.web.resource import Resource
from twisted.web.server import Request
from zope.interface import implementer

from pipservices_tx.counters import (
    CONTENT_TYPE,
    CachedCounters,
    CounterTiming,
    CounterType,
    ITimingCallback,
    split_counter_name,
)

_STATS = (CounterType.INTERVAL, CounterType.STATISTICS)


@implementer(ITimingCallback)
class ClientCounters:
    """
    The measurements of C{ICounters} on prometheus_client's own metrics: the
    dotted name is split once, the labelled child's method cached per name.
    Increments go to a C{Counter}, last values to a C{Gauge}, timings to a
    C{Summary} (count and sum: the cheapest native way; our contract's
    min/max/average would need more), each guarded by prometheus_client's lock.
    """

    def __init__(self, registry: CollectorRegistry, source: str, instance: str) -> None:
        self.registry = registry
        self._context = [("source", source), ("instance", instance)]
        self._families: dict[tuple[str, type, tuple[str, ...]], Any] = {}
        self._calls: dict[tuple[str, type], Callable[..., None]] = {}

    def _call(self, name: str, kind: type, method: str) -> Callable[..., None]:
        call = self._calls.get((name, kind))
        if call is None:
            metric, labels = split_counter_name(name)
            labels += self._context
            key = (metric, kind, tuple(label for label, _ in labels))
            family = self._families.get(key)
            if family is None:
                family = self._families[key] = kind(metric, "", key[2], registry=self.registry)
            call = self._calls[(name, kind)] = getattr(family.labels(*[value for _, value in labels]), method)
        return call

    def increment_one(self, name: str) -> None:
        self._call(name, Counter, "inc")()

    def increment(self, name: str, value: int) -> None:
        self._call(name, Counter, "inc")(value)

    def last(self, name: str, value: float) -> None:
        self._call(name, Gauge, "set")(value)

    def begin_timing(self, name: str) -> CounterTiming:
        return CounterTiming(name, self, time.perf_counter)

    def end_timing(self, name: str, elapsed: float) -> None:
        self._call(name, Summary, "observe")(elapsed)


class CountersCollector:
    """
    Our counters as prometheus_client metric families, built at each scrape:
    the custom-collector way. The families and labels are ours, but
    prometheus_client names a counter's samples C{<name>_total} (ours:
    C{<name>}), sorts the labels and writes a C{# HELP} line per family.
    """

    def __init__(self, counters: CachedCounters) -> None:
        self._counters = counters

    def collect(self) -> Iterator[Metric]:
        counters = self._counters
        context = {key: value for key, value in (("source", counters.source), ("instance", counters.instance)) if value}
        families: dict[str, Metric] = {}
        seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
        for counter in counters.get_all():
            if not counter.name:
                continue
            metric, pairs = split_counter_name(counter.name)
            labels = dict(pairs, **context)
            for family, kind, value in _samples(counter, metric):
                key = (family, tuple(labels.items()))
                if value is None or key in seen:
                    continue
                seen.add(key)
                current = families.get(family)
                if current is None:
                    current = families[family] = Metric(family, "", kind)
                elif current.type != kind:
                    current.type = "unknown"
                current.add_sample(family + "_total" if kind == "counter" else family, labels, value)
        for family_metric in families.values():
            if family_metric.type == "unknown":
                for index, sample in enumerate(family_metric.samples):
                    if sample.name != family_metric.name:
                        family_metric.samples[index] = sample._replace(name=family_metric.name)
            yield family_metric


def _samples(counter: Any, metric: str) -> list[tuple[str, str, Optional[float]]]:
    kind = counter.type
    if kind in _STATS:
        return [(metric + "_max", "gauge", counter.max), (metric + "_min", "gauge", counter.min),
                (metric + "_average", "gauge", counter.average), (metric + "_count", "gauge", counter.count)]
    if kind is CounterType.INCREMENT:
        return [(metric, "counter", counter.count)]
    if kind is CounterType.LAST_VALUE:
        return [(metric, "gauge", counter.last)]
    if kind is CounterType.TIMESTAMP:
        return [(metric, "gauge", counter.time.timestamp() if counter.time is not None else None)]
    return []


class GenerateLatestResource(Resource):
    """GET answers C{generate_latest(registry)}, with the headers of ours."""

    isLeaf = True

    def __init__(self, registry: CollectorRegistry) -> None:
        super().__init__()
        self._registry = registry

    def render_GET(self, request: Request) -> bytes:
        request.setHeader(b"Content-Type", CONTENT_TYPE.encode("ascii"))
        request.setHeader(b"Cache-Control", b"no-cache, no-store, must-revalidate")
        return generate_latest(self._registry)


class _Snapshot:
    def __init__(self, families: list[Metric]) -> None:
        self._families = families

    def collect(self) -> list[Metric]:
        return self._families


def collector_registry(counters: CachedCounters) -> CollectorRegistry:
    """A registry holding only a L{CountersCollector} over C{counters}."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(CountersCollector(counters))  # type: ignore[arg-type]
    return registry


def snapshot_registry(counters: CachedCounters) -> CollectorRegistry:
    """
    A registry answering the families of C{counters} collected once: what
    C{generate_latest} costs with nothing left to collect (its floor).
    """
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Snapshot(list(CountersCollector(counters).collect())))  # type: ignore[arg-type]
    return registry
