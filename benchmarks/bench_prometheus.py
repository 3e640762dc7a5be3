"""
Prometheus exposition, ours against prometheus_client, in the same run:

  (a) recording one request (a timing, an increment, a last value) into
      PrometheusCounters against prometheus_client's native metrics;
  (b) rendering /metrics for 50 services x 7 commands (exec_count, exec_time,
      exec_errors) plus a few last values and timestamps: our text against
      C{generate_latest} over a custom collector of the same counters and over
      native metrics recorded the same way, and over families collected
      once (the cost of C{generate_latest}'s formatting alone);
  (c) GET /metrics end to end through StubTreq (twisted.web parses the
      request and writes the answer in memory): our resource against one
      answering C{generate_latest}.

Rounds interleave the cases (their order rotates every round) and time them
in CPU time of this process, which other tenants of a shared machine disturb
less than wall time. Each ratio is ours' time / the other's, taken within a
round; the medians are printed. A ratio under 0.95 means that path is more
than 5% slower with prometheus_client.

    python -m benchmarks.bench_prometheus [--rounds 9] [--smoke]
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from importlib.metadata import version
from typing import Any, Callable

import prometheus_client
import treq
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families
from treq.testing import StubTreq

from pipservices_tx.counters import PrometheusCounters, PrometheusMetricsResource

from .baselines.prometheus_client_way import (
    ClientCounters,
    GenerateLatestResource,
    collector_registry,
    snapshot_registry,
)

SOURCE, INSTANCE = "beacons", "host1"
SERVICES, COMMANDS = 50, 7
TIME_NAME = "v1/beacons.get_beacons.exec_time"
COUNT_NAME = "v1/beacons.get_beacons.exec_count"
LAST_NAME = "v1/beacons.queue_depth"
OURS = "ours"

Run = Callable[[int], None]


def _ours() -> PrometheusCounters:
    counters = PrometheusCounters()
    counters.source, counters.instance = SOURCE, INSTANCE
    return counters


def _native() -> ClientCounters:
    return ClientCounters(CollectorRegistry(auto_describe=False), SOURCE, INSTANCE)


def _populate(counters: Any) -> None:
    """The page a busy container shows: every command called, timed and failed once; a few gauges."""
    for service in range(SERVICES):
        for command in range(COMMANDS):
            base = f"v1/service{service:02d}.command{command}"
            for call in range(3):
                counters.increment_one(base + ".exec_count")
                counters.end_timing(base + ".exec_time", 1.25 + call + service / 100)
            counters.increment(base + ".exec_errors", 1)
    started = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    for service in range(5):
        counters.last(f"v1/service{service:02d}.queue_depth", 7.5 * service)
        if isinstance(counters, PrometheusCounters):
            counters.timestamp(f"v1/service{service:02d}.started", started)
        else:
            counters.last(f"v1/service{service:02d}.started", started.timestamp())


def _record(counters: Any) -> Run:
    def run(n: int) -> None:
        begin_timing, increment_one, last = counters.begin_timing, counters.increment_one, counters.last
        for value in range(n):
            begin_timing(TIME_NAME).end_timing()
            increment_one(COUNT_NAME)
            last(LAST_NAME, value)

    return run


def _repeat(render: Callable[[], bytes]) -> Run:
    def run(n: int) -> None:
        for _ in range(n):
            render()

    return run


def _http_get(resource: Any) -> Run:
    client: Any = StubTreq(resource)

    def run(n: int) -> None:
        for _ in range(n):
            bodies: list[Any] = []
            client.get("http://svc/metrics").addCallback(treq.content).addBoth(bodies.append)
            if not (bodies and isinstance(bodies[0], bytes) and bodies[0]):
                raise RuntimeError(f"GET /metrics did not answer a page: {bodies!r}")

    return run


def _sample_count(page: bytes) -> int:
    return sum(len(family.samples) for family in text_string_to_metric_families(page.decode("utf-8")))


def _measure(cases: dict[str, Run], repeat: int, rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    """Median µs per call of each case, and median of the per-round ratios ours / case."""
    names = list(cases)
    for run in cases.values():
        run(max(1, repeat // 10))
    times: dict[str, list[float]] = {name: [] for name in names}
    ratios: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.process_time()
            cases[name](repeat)
            times[name].append((time.process_time() - start) / repeat * 1e6)
        for name in names:
            ratios[name].append(times[OURS][-1] / times[name][-1])
    return ({name: statistics.median(values) for name, values in times.items()},
            {name: statistics.median(values) for name, values in ratios.items()})


def _report(title: str, cases: dict[str, Run], repeat: int, rounds: int) -> dict[str, float]:
    medians, ratios = _measure(cases, repeat, rounds)
    print(f"\n{title} (median of {rounds} rounds x {repeat})")
    print(f"{'case':44} {'us/call':>9} {'ratio ours/case':>16}")
    for name in cases:
        print(f"{name:44} {medians[name]:9.2f} {ratios[name]:16.3f}")
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--smoke", action="store_true", help="two short rounds, to check that it runs")
    args = parser.parse_args(argv)
    rounds, scale = (2, 0.05) if args.smoke else (args.rounds, 1.0)
    prometheus_client.disable_created_metrics()  # ours has no _created series: compare the same samples

    ours, native = _ours(), _native()
    _populate(ours)
    _populate(native)
    collected, snapshot = collector_registry(ours), snapshot_registry(ours)
    pages = {"ours": ours.to_text().encode("utf-8"), "collector": generate_latest(collected),
             "native": generate_latest(native.registry)}
    print(f"python {sys.version.split()[0]}, prometheus_client {version('prometheus_client')}; CPU time; page of "
          + ", ".join(f"{name} {len(page)} bytes / {_sample_count(page)} samples" for name, page in pages.items()))

    ratios: dict[str, float] = {}
    ratios.update(_report("(a) record a timing + an increment + a last value", {
        OURS: _record(_ours()),
        "ours again (noise floor)": _record(_ours()),
        "prometheus_client native metrics": _record(_native()),
    }, int(30_000 * scale) or 1, rounds))
    ratios.update(_report("(b) render /metrics", {
        OURS: _repeat(lambda: ours.to_text().encode("utf-8")),
        "generate_latest, collector over our counters": _repeat(lambda: generate_latest(collected)),
        "generate_latest, native metrics": _repeat(lambda: generate_latest(native.registry)),
        "generate_latest, families collected once": _repeat(lambda: generate_latest(snapshot)),
    }, int(40 * scale) or 1, rounds))
    ratios.update(_report("(c) GET /metrics through StubTreq", {
        OURS: _http_get(PrometheusMetricsResource(ours)),
        "GET generate_latest, collector": _http_get(GenerateLatestResource(collected)),
        "GET generate_latest, native metrics": _http_get(GenerateLatestResource(native.registry)),
    }, int(30 * scale) or 1, rounds))
    worst = min(ratio for name, ratio in ratios.items() if name != OURS and "noise" not in name)
    print(f"\nworst prometheus_client ratio: {worst:.3f} (within 5% needs >= 0.95)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
