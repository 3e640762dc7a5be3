"""
The seneca benchmark: acts at POST /act against a raw twisted.web resource
answering the same acts with the same JSON, all servers up at once and loaded
in turn with wrk (interleaved, the order rotated every round). Two of ours:
the seneca endpoint and CommandableSenecaService over a controller doing only
what the raw resource does (the transport's own cost), and over the beacons
controller and memory persistence (the whole stack: validation, copies).
Prints req/s, p50, p99 and the server's CPU time per act, and the medians of
the ratios ours / raw in the same round (the target: >= 0.8).

    python -m benchmarks.bench_seneca [--rounds 5] [--seconds 3] [--connections 32] [--smoke]
    python -m benchmarks.bench_seneca --inprocess [--rounds 11] [--n 1000] [--profile N]

C{--inprocess} measures CPU time only, with no socket, wrk or other process
(see L{benchmarks.bench_seneca_inprocess}): steadier on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass
from typing import Any

from pipservices_tx.testing import free_port

from ._servers import Server, cpu_seconds, twistd_command
from ._wrk import WrkResult, run_wrk

ACTS: dict[str, dict[str, Any]] = {
    "get_beacon_by_id": {"role": "beacons", "cmd": "get_beacon_by_id", "correlation_id": "bench", "beacon_id": "1"},
    "get_beacons": {"role": "beacons", "cmd": "get_beacons", "correlation_id": "bench",
                    "filter": {"site_id": "1"}, "paging": {"skip": 0, "take": 100}},
}
RAW, TRANSPORT, STACK = "twisted.web (raw)", "seneca, lookup controller", "seneca, beacons stack"


@dataclass
class Run:
    wrk: WrkResult
    cpu_us: float  # the server's CPU time per answered act


def servers(items: int) -> list[Server]:
    ports = [free_port() for _ in range(3)]
    config = "benchmarks/beacons_seneca.yml"
    commands = [
        [sys.executable, "-m", "benchmarks.baselines.raw_seneca", str(ports[0]), str(items)],
        twistd_command(config, f"SENECA_PORT={ports[1]}", f"ITEMS={items}", "LOOKUP=true"),
        twistd_command(config, f"SENECA_PORT={ports[2]}", f"ITEMS={items}"),
    ]
    probe = json.dumps(ACTS["get_beacon_by_id"]).encode()
    return [Server(name, command, port, probe_path="/act", probe_body=probe)
            for name, command, port in zip((RAW, TRANSPORT, STACK), commands, ports, strict=True)]


def measure(server: Server, body: str, seconds: float, connections: int) -> Run:
    url = f"http://127.0.0.1:{server.port}/act"
    run_wrk(url, body, 1.0, connections)  # warm-up
    before = cpu_seconds(server.pid)
    result = run_wrk(url, body, seconds, connections)
    cpu = cpu_seconds(server.pid) - before
    return Run(result, cpu / max(result.requests, 1) * 1e6)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--smoke", action="store_true", help="one short round, to check that it runs")
    parser.add_argument("--inprocess", action="store_true", help="CPU time per act with no socket (in-process)")
    parser.add_argument("--n", type=int, default=1000, help="--inprocess: acts per server and round")
    parser.add_argument("--profile", type=int, default=0, help="--inprocess: print the N costliest functions")
    args = parser.parse_args(argv)
    if args.inprocess:
        from .bench_seneca_inprocess import run_inprocess

        return run_inprocess(args)
    if args.smoke:
        args.rounds, args.seconds = 1, 1.0
    started = servers(args.items)
    runs: dict[tuple[str, str], list[Run]] = {}
    ratios: dict[tuple[str, str], list[tuple[float, float]]] = {}
    try:
        for server in started:
            server.start()
        print(f"seneca acts at POST /act: c={args.connections}, {args.seconds:g} s runs, {args.rounds} rounds; "
              f"ratios = ours / raw in the same round (req/s, and raw CPU per act / ours)")
        for number in range(args.rounds):
            for act, body in ACTS.items():
                shift = number % len(started)
                for server in started[shift:] + started[:shift]:
                    runs.setdefault((server.name, act), []).append(
                        measure(server, json.dumps(body), args.seconds, args.connections))
                raw = runs[(RAW, act)][-1]
                line = [f"round {number + 1} {act:17} raw {raw.wrk.requests_per_second:6.0f} req/s "
                        f"{raw.cpu_us:5.0f} us CPU"]
                for name in (TRANSPORT, STACK):
                    ours = runs[(name, act)][-1]
                    ratio = (ours.wrk.requests_per_second / raw.wrk.requests_per_second, raw.cpu_us / ours.cpu_us)
                    ratios.setdefault((name, act), []).append(ratio)
                    line.append(f"{name} {ours.wrk.requests_per_second:6.0f} req/s {ours.cpu_us:5.0f} us CPU "
                                f"({ratio[0]:.2f}, CPU {ratio[1]:.2f})")
                print(" | ".join(line))
    finally:
        for server in started:
            server.terminate()
    print("\nmedians")
    print(f"  {'act':17} {'server':26} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU us/act':>10} "
          f"{'ratio':>6} {'CPU ratio':>9}")
    for act in ACTS:
        for name in (RAW, TRANSPORT, STACK):
            done = runs[(name, act)]
            pair = ratios.get((name, act))
            tail = (f"{statistics.median(r[0] for r in pair):6.2f} {statistics.median(r[1] for r in pair):9.2f}"
                    if pair else f"{1:6.2f} {1:9.2f}")
            print(f"  {act:17} {name:26} {statistics.median(r.wrk.requests_per_second for r in done):7.0f}"
                  f" {statistics.median(r.wrk.p50_ms for r in done):7.2f} {statistics.median(r.wrk.p99_ms for r in done):7.2f}"
                  f" {statistics.median(r.cpu_us for r in done):10.0f} {tail}")
    errors = sum(r.wrk.errors for done in runs.values() for r in done)
    if errors:
        print(f"{errors} non-2xx answers or socket errors", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
