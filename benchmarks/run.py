"""
The HTTP benchmark: beacons under twistd against a tuned raw twisted.web
resource (the limit), a raw Klein app, a minimal aiohttp app and
pip-services3's own commandable service serving the same JSON, interleaved,
several rounds, medians of the ratios measured in the same round.

    python -m benchmarks.run [--rounds 3] [--seconds 5] [--connections 32] [--smoke]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import sys
from typing import Callable

from pipservices_tx.testing import free_port

from ._servers import Server, probe_body, twistd_command
from ._wrk import WrkResult, run_wrk

PROBE_PATH = "/v1/beacons/get_beacon_by_id"
BASELINE = "twisted.web (tuned)"
OURS = "pipsvc beacons"
CALLS = {
    "get_beacon_by_id": json.dumps({"id": "1"}),
    "get_beacons": json.dumps({"filter": {"site_id": "1"}, "paging": {"skip": 0, "take": 100}}),
}


def servers(items: int, workers: int) -> list[Server]:
    def make(name: str, command: Callable[[int], list[str]]) -> Server:
        port = free_port()
        return Server(name, command(port), port, probe_path=PROBE_PATH, probe_body=probe_body())

    result = [
        make(BASELINE, lambda port: [sys.executable, "-m", "benchmarks.baselines.raw_web", str(port), str(items)]),
        make("klein (raw)", lambda port: [sys.executable, "-m", "benchmarks.baselines.raw_klein", str(port), str(items)]),
        make("aiohttp (raw)", lambda port: [sys.executable, "-m", "benchmarks.baselines.raw_aiohttp", str(port), str(items)]),
        make("pip-services3", lambda port: [sys.executable, "-m", "benchmarks.baselines.pips_beacons", str(port), str(items)]),
        make(OURS, lambda port: twistd_command("benchmarks/beacons.yml", f"HTTP_PORT={port}", f"ITEMS={items}")),
    ]
    if workers > 1:
        result.append(make(f"pipsvc beacons x{workers}", lambda port: twistd_command(
            "benchmarks/beacons.yml", f"HTTP_PORT={port}", f"ITEMS={items}") + ["--workers", str(workers)]))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1, help="also run beacons with N worker processes")
    parser.add_argument("--smoke", action="store_true", help="one short round, to check that it runs")
    parser.add_argument("--scaling", action="store_true",
                        help="instead: req/s and p99 of beacons at 1..512 connections, and memory at 1 and 10,000 beacons")
    args = parser.parse_args(argv)
    precompile()
    if args.scaling:
        return scaling(args.seconds)
    if args.smoke:
        args.rounds, args.seconds = 1, 1.0
    results: dict[tuple[str, str], list[WrkResult]] = {}
    startup: dict[str, list[tuple[float, int]]] = {}
    for round_number in range(1, args.rounds + 1):
        for server in servers(args.items, args.workers):
            server.start()
            try:
                startup.setdefault(server.name, []).append((server.start_seconds, server.settled_rss_kib()))
                for call, body in CALLS.items():
                    url = f"http://127.0.0.1:{server.port}/v1/beacons/{call}"
                    run_wrk(url, body, min(1.0, args.seconds), args.connections)  # warm-up
                    result = run_wrk(url, body, args.seconds, args.connections)
                    results.setdefault((server.name, call), []).append(result)
            finally:
                server.terminate()
        print(f"round {round_number}/{args.rounds} done", file=sys.stderr)
    report(results, startup, args)
    return 0


def precompile() -> None:
    """
    Byte-compiles the project first: an installed package starts from .pyc
    files, and where PYTHONDONTWRITEBYTECODE is set (as on CI) every start
    would otherwise compile our sources again, which the baselines, all in
    site-packages, never do.
    """
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for package in ("pipservices_tx", "examples", "benchmarks"):
        compileall.compile_dir(os.path.join(root, package), quiet=1)


def same_round_ratio(results: dict[tuple[str, str], list[WrkResult]], name: str, other: str, call: str) -> float:
    """The median over rounds of C{name}'s req/s over C{other}'s in the same round."""
    pairs = zip(results[(name, call)], results[(other, call)], strict=True)
    return statistics.median(mine.requests_per_second / theirs.requests_per_second for mine, theirs in pairs)


def report(results: dict[tuple[str, str], list[WrkResult]], startup: dict[str, list[tuple[float, int]]],
           args: argparse.Namespace) -> None:
    print(f"\nHTTP: c={args.connections}, {args.seconds:g} s runs, {args.rounds} rounds, medians; "
          f"ratio = req/s over {BASELINE} in the same round")
    print(f"{'server':<26}{'call':<18}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'ratio':>8}")
    for (name, call), runs in results.items():
        print(f"{name:<26}{call:<18}{statistics.median(r.requests_per_second for r in runs):>9.0f}"
              f"{statistics.median(r.p50_ms for r in runs):>9.2f}{statistics.median(r.p99_ms for r in runs):>9.2f}"
              f"{sum(r.errors for r in runs):>8}{same_round_ratio(results, name, BASELINE, call):>8.2f}")
    print(f"\n{OURS} against each peer (median of same-round ratios of req/s)")
    peers = [name for name in startup if not name.startswith(OURS) and name != BASELINE]
    print(f"{'call':<18}" + "".join(f"{'/ ' + peer:>22}" for peer in peers))
    for call in CALLS:
        print(f"{call:<18}" + "".join(f"{same_round_ratio(results, OURS, peer, call):>22.2f}" for peer in peers))
    base_start = statistics.median(s for s, _ in startup[BASELINE])
    base_rss = statistics.median(r for _, r in startup[BASELINE])
    print(f"\n{'server':<26}{'start to first 200 (s)':>24}{'ratio':>8}{'idle RSS (MiB)':>16}{'ratio':>8}")
    for name, values in startup.items():
        start = statistics.median(s for s, _ in values)
        rss = statistics.median(r for _, r in values)
        print(f"{name:<26}{start:>24.3f}{start / base_start:>8.2f}{rss / 1024:>16.1f}{rss / base_rss:>8.2f}")


def scaling(seconds: float) -> int:
    """
    How cost grows with concurrent connections (beacons and the tuned baseline, both
    up at once and loaded in turn at each step) and with stored items (one pipsvc process).
    """
    ours_port, raw_port = free_port(), free_port()
    ours = Server(OURS, twistd_command("benchmarks/beacons.yml", f"HTTP_PORT={ours_port}", "ITEMS=1000"), ours_port,
                  probe_path=PROBE_PATH, probe_body=probe_body())
    raw = Server(BASELINE, [sys.executable, "-m", "benchmarks.baselines.raw_web", str(raw_port), "1000"], raw_port,
                 probe_path=PROBE_PATH, probe_body=probe_body())
    ours.start()
    raw.start()
    try:
        urls = {name: f"http://127.0.0.1:{port}/v1/beacons/get_beacon_by_id"
                for name, port in ((OURS, ours_port), (BASELINE, raw_port))}
        for url in urls.values():
            run_wrk(url, CALLS["get_beacon_by_id"], 1.0, 32)
        print(f"\nget_beacon_by_id, one process each, {seconds:g} s per step")
        print(f"{'server':<22}{'connections':>12}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'p99/p50':>9}{'errors':>8}")
        for connections in (1, 8, 32, 128, 512):
            for name, url in urls.items():
                result = run_wrk(url, CALLS["get_beacon_by_id"], seconds, connections)
                print(f"{name:<22}{connections:>12}{result.requests_per_second:>10.0f}{result.p50_ms:>9.2f}"
                      f"{result.p99_ms:>9.2f}{result.p99_ms / max(result.p50_ms, 1e-3):>9.1f}{result.errors:>8}")
    finally:
        ours.terminate()
        raw.terminate()
    print(f"\n{'stored beacons':>15}{'idle RSS (MiB)':>16}")
    for items in (1, 10_000):
        port = free_port()
        server = Server("pipsvc", twistd_command("benchmarks/beacons.yml", f"HTTP_PORT={port}", f"ITEMS={items}"),
                        port, probe_path=PROBE_PATH, probe_body=probe_body())
        server.start(timeout=120)
        try:
            rss = server.settled_rss_kib()
        finally:
            server.terminate()
        print(f"{items:>15}{rss / 1024:>16.1f}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
