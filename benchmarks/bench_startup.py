"""
Start-up: C{twistd -n pipsvc -c benchmarks/beacons.yml} against the tuned raw
twisted.web baseline, started alternately, C{--starts} times each, and, for
reference, the same raw resource under twistd (C{benchmarks/baselines/raw_web_tap.py}):
the part of the start-up any twistd plugin pays. For each
start: the wall time to the first 200 of the probe and the CPU time the
process used until then (user + system, from C{/proc}, much less noisy than
the wall time on a shared machine). Prints the medians and the median of the
same-pair ratios (pipsvc over baseline, started one after the other). The
project is byte-compiled first, as C{benchmarks.run} does.

    python -m benchmarks.bench_startup [--starts 12] [--items 1000]
"""

from __future__ import annotations

import argparse
import statistics
import sys

from pipservices_tx.testing import free_port

from ._servers import Server, cpu_seconds, probe_body, twistd_command
from .run import BASELINE, OURS, PROBE_PATH, precompile

FLOOR = "twistd + raw resource"
# twistd finds the raw-web plugin in benchmarks/baselines/twistd_floor/twisted/plugins.
_FLOOR_TWISTD = ("import sys; sys.path.insert(0, 'benchmarks/baselines/twistd_floor'); "
                 "from twisted.scripts.twistd import run; sys.argv[0] = 'twistd'; run()")


def start_once(name: str, command: list[str], port: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds from start to the first 200."""
    server = Server(name, command, port, probe_path=PROBE_PATH, probe_body=probe_body())
    server.start()
    try:
        return server.start_seconds, cpu_seconds(server.pid)
    finally:
        server.terminate()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=12)
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args(argv)
    precompile()
    runs: dict[str, list[tuple[float, float]]] = {BASELINE: [], FLOOR: [], OURS: []}
    for _ in range(args.starts):
        port = free_port()
        runs[BASELINE].append(start_once(BASELINE, [
            sys.executable, "-m", "benchmarks.baselines.raw_web", str(port), str(args.items)], port))
        port = free_port()
        runs[FLOOR].append(start_once(FLOOR, [sys.executable, "-c", _FLOOR_TWISTD, "-n", "--pidfile=", "raw-web",
                                              "--port", str(port), "--items", str(args.items)], port))
        port = free_port()
        runs[OURS].append(start_once(OURS, twistd_command(
            "benchmarks/beacons.yml", f"HTTP_PORT={port}", f"ITEMS={args.items}"), port))
    base, ours = runs[BASELINE], runs[OURS]
    print(f"\nstart to first 200, {args.starts} alternating starts each, medians")
    print(f"{'server':<24}{'wall s':>9}{'CPU s':>9}{'wall ratio':>12}{'CPU ratio':>11}")
    for name, values in runs.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        wall_ratio = statistics.median(m[0] / b[0] for m, b in zip(values, base, strict=True))
        cpu_ratio = statistics.median(m[1] / b[1] for m, b in zip(values, base, strict=True))
        print(f"{name:<24}{wall:>9.3f}{cpu:>9.3f}{wall_ratio:>12.2f}{cpu_ratio:>11.2f}")
    print(f"CPU ratio per pair: {', '.join(f'{m[1] / b[1]:.2f}' for m, b in zip(ours, base, strict=True))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
