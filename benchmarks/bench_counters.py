"""Cost of one request's worth of counting: a timing plus an increment, per counters kind."""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any, Callable

from pipservices_tx.counters import CachedCounters, CompositeCounters, NullCounters, PrometheusCounters
from pipservices_tx.refer import Descriptor, References

TIME_NAME = "v1.beacons.get_beacons.exec_time"
COUNT_NAME = "v1.beacons.get_beacons.exec_count"
ITERATIONS = 30_000
ROUNDS = 9


def _empty_loop(n: int) -> None:
    for _ in range(n):
        pass


def _dict_loop(n: int) -> None:
    counts: dict[str, int] = {}
    for _ in range(n):
        counts[COUNT_NAME] = counts.get(COUNT_NAME, 0) + 1


def _counters_loop(counters: Any) -> Callable[[int], None]:
    def run(n: int) -> None:
        begin_timing, increment_one = counters.begin_timing, counters.increment_one
        for _ in range(n):
            timing = begin_timing(TIME_NAME)
            timing.end_timing()
            increment_one(COUNT_NAME)

    return run


def _composite_of(counters: Any) -> CompositeCounters:
    """What a component holds: a composite over the counters in references."""
    return CompositeCounters(References.from_tuples(
        Descriptor("pip-services", "counters", "any", "default", "1.0"), counters))


def _ns_per_iteration(run: Callable[[int], None]) -> float:
    start = time.perf_counter()
    run(ITERATIONS)
    return (time.perf_counter() - start) / ITERATIONS * 1e9


def main() -> None:
    cases: list[tuple[str, Callable[[int], None]]] = [
        ("empty loop", _empty_loop),
        ("dict increment (baseline)", _dict_loop),
        ("NullCounters", _counters_loop(NullCounters())),
        ("CachedCounters", _counters_loop(CachedCounters())),
        ("PrometheusCounters", _counters_loop(PrometheusCounters())),
        ("CompositeCounters(Null)", _counters_loop(_composite_of(NullCounters()))),
        ("CompositeCounters(Prometheus)", _counters_loop(_composite_of(PrometheusCounters()))),
    ]
    for _, run in cases:
        run(1000)
    # Rounds interleave the cases, and each ratio is taken within its round,
    # so a busy machine slows the baseline and the counters alike.
    timings: dict[str, list[float]] = {name: [] for name, _ in cases}
    ratios: dict[str, list[float]] = {name: [] for name, _ in cases}
    for _ in range(ROUNDS):
        round_ns = {name: _ns_per_iteration(run) for name, run in cases}
        for name, ns in round_ns.items():
            timings[name].append(ns)
            ratios[name].append(ns / round_ns["dict increment (baseline)"])
    print(f"python {sys.version.split()[0]}; one iteration = begin_timing + end_timing + increment_one; "
          f"median of {ROUNDS} rounds x {ITERATIONS}")
    print(f"{'case':32} {'ns/iter':>9} {'x baseline':>11}")
    for name, _ in cases:
        print(f"{name:32} {statistics.median(timings[name]):9.0f} {statistics.median(ratios[name]):11.2f}")


if __name__ == "__main__":
    main()
