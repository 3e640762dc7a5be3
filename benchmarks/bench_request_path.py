"""
The request path without sockets: the same raw HTTP/1.1 bytes fed to the
tuned twisted.web baseline and to the beacons service built in-process from
C{benchmarks/beacons.yml}, both on the same fake transport, in interleaved
rounds. It counts CPU time only (no wrk, no kernel, no other processes), so
on a shared machine its ratios are steadier than those of C{benchmarks.run};
the C{--profile} option prints where the service's time goes.

    python -m benchmarks.bench_request_path [--n 5000] [--rounds 5] [--profile N] [--standard-json]

C{--standard-json} measures the service without orjson: every result is
written by the standard encoder, the reference the orjson path falls back to.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
from typing import Any, Callable

from twisted.internet import defer, task
from twisted.internet.testing import StringTransport
from twisted.web.server import Site

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container

from .baselines.fixtures import make_beacons
from .baselines.raw_web import BeaconsResource, _QuietSite
from .run import CALLS


def request(call: str) -> bytes:
    body = CALLS[call].encode()
    return (f"POST /v1/beacons/{call} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def driver(site: Site, data: bytes) -> Callable[[int], float]:
    """C{run(n)}: CPU seconds to answer C{n} requests on one keep-alive connection."""
    protocol = site.buildProtocol(None)
    transport = StringTransport()
    protocol.makeConnection(transport)

    def run(n: int) -> float:
        started = time.process_time()
        for _ in range(n):
            protocol.dataReceived(data)
            if not transport.value():
                raise RuntimeError("no answer")
            transport.clear()
        return time.process_time() - started

    return run


async def service_site(reactor: Any) -> tuple[Container, Site]:
    container = Container(reactor=reactor)
    container.read_config_from_file("benchmarks/beacons.yml", ConfigParams.from_tuples("HTTP_PORT", 0, "ITEMS", 1000))
    await container.open(None)
    for component in container.components:
        site = getattr(component, "site", None)
        if isinstance(site, Site):
            return container, site
    raise RuntimeError("no HTTP endpoint in benchmarks/beacons.yml")


def use_standard_json() -> None:
    from pipservices_tx.services import _json

    _json.fast_dumps = None


async def main(reactor: Any, args: argparse.Namespace) -> None:
    if args.standard_json:
        use_standard_json()
    container, ours = await service_site(reactor)
    raw = _QuietSite(BeaconsResource(make_beacons(1000)), parsePOSTFormSubmission=False)
    try:
        print(f"{args.n} requests per round, {args.rounds} rounds, CPU time; ratio = raw µs / pipsvc µs")
        for call in CALLS:
            data = request(call)
            runs = {"raw": driver(raw, data), "pipsvc": driver(ours, data)}
            for run in runs.values():
                run(min(500, args.n))  # warm-up
            cost: dict[str, list[float]] = {name: [] for name in runs}
            for _ in range(args.rounds):
                for name, run in runs.items():
                    cost[name].append(run(args.n) / args.n * 1e6)
            ratio = statistics.median(r / p for r, p in zip(cost["raw"], cost["pipsvc"], strict=True))
            print(f"{call:<18} raw {statistics.median(cost['raw']):7.1f} µs   pipsvc "
                  f"{statistics.median(cost['pipsvc']):7.1f} µs   ratio {ratio:5.2f}")
            if args.profile:
                profile = cProfile.Profile()
                profile.runcall(runs["pipsvc"], args.n)
                pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    finally:
        await container.close(None)


def run(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions of the service")
    parser.add_argument("--standard-json", action="store_true", help="encode results without orjson (a measurement)")
    args = parser.parse_args(argv)
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, args)))


if __name__ == "__main__":
    run()
