"""
Stale pool: the beacons service on PostgreSQL or MariaDB with every
connection of its pool open, then an idle outage of the database (1 s,
through a TCP proxy this drill cuts and restores; the shared servers are
never touched), then calls again. The connections the outage killed must
never serve a call: every call after the return succeeds, the first ones
included, round after round.

Properties, for each backend: before each outage, the pool holds all its
connections; every call started after the database's return answers 200
(0 stale-connection failures); the pool reconnects no more connections than
it holds; the service stays up and exits 0.

    python -m benchmarks.drills.stale_pool [--backend all|postgres|mysql] [--rounds 5] [--outage 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time

from ._aio_http import one_request
from ._common import Verdict
from ._proxy import FaultProxy
from .backend_faults import POOL_SIZE, drop_table, reachable, server_for

SEQUENTIAL_CALLS = 10
CONCURRENT_CALLS = 40
GET = ("POST", "/v1/beacons/get_beacon_by_id", b'{"id": "1"}')
# Slow enough that POOL_SIZE of them at once hold every pool thread, each with its connection.
WARM = ("POST", "/v1/beacons/get_beacons", b'{"filter": {"site_id": "1"}, "paging": {"take": 100}}')


async def outcomes(port: int, count: int, concurrent: bool) -> list[int]:
    """The statuses of C{count} get_beacon_by_id calls, one after the other or all at once."""
    if concurrent:
        answers = await asyncio.gather(*(one_request(port, *GET, timeout=30) for _ in range(count)))
    else:
        answers = [await one_request(port, *GET, timeout=30) for _ in range(count)]
    return [answer.status if answer.outcome == "complete" else -1 for answer in answers]


async def scenario(backend: str, rounds: int, outage: float, verdict: Verdict) -> None:
    target = {"postgres": 5432, "mysql": 3306}[backend]
    label = f"{backend}"
    if not reachable(target):
        verdict.require(False, f"{label}: the shared server on port {target} is reachable")
        return
    proxy = FaultProxy("127.0.0.1", target)
    table = f"drill_stale_{os.getpid()}_{backend}"
    server = server_for(backend, proxy.port, table).start(timeout=60)
    warm_pools, reconnects, failures, calls = [], [], 0, 0
    try:
        await one_request(server.port, "POST", "/v1/beacons/delete_beacon_by_id", b'{"id": "1"}')
        answer = await one_request(server.port, "POST", "/v1/beacons/create_beacon", json.dumps(
            {"beacon": {"id": "1", "site_id": "1", "udi": "00001"}}).encode())
        assert answer.status == 200, (answer, server.output[-2000:])
        for number in range(1, rounds + 1):
            await asyncio.gather(*(one_request(server.port, *WARM, timeout=30) for _ in range(8 * POOL_SIZE)))
            warm_pools.append(proxy.open_connections)
            await asyncio.sleep(0.5)  # idle
            proxy.cut()
            await asyncio.sleep(outage)
            proxy.restore()
            statuses = await outcomes(server.port, SEQUENTIAL_CALLS, concurrent=False)
            statuses += await outcomes(server.port, CONCURRENT_CALLS, concurrent=True)
            failed = sum(status != 200 for status in statuses)
            failures += failed
            calls += len(statuses)
            reconnects.append(proxy.connections_since_restore)
            print(f"  round {number}: {failed} of {len(statuses)} calls failed after the return "
                  f"({proxy.connections_since_restore} new connections)", flush=True)
        alive = server.alive()
    finally:
        code = server.terminate()
        proxy.close()
        drop_table(backend, table)

    verdict.figure(f"{label}: rounds of a {outage:g} s idle outage", rounds)
    verdict.figure(f"{label}: open pool connections before each outage", ", ".join(map(str, warm_pools)))
    verdict.figure(f"{label}: stale-connection failures after the return", f"{failures} of {calls} calls")
    verdict.figure(f"{label}: connections made after each return", ", ".join(map(str, reconnects)))
    verdict.require(all(count >= POOL_SIZE for count in warm_pools),
                    f"{label}: every pool connection was open before each outage")
    verdict.require(failures == 0, f"{label}: no call fails after the database's return")
    verdict.require(all(count <= POOL_SIZE for count in reconnects),
                    f"{label}: the pool reconnects at most its {POOL_SIZE} connections")
    verdict.require(alive, f"{label}: the service stayed up")
    verdict.require(code == 0, f"{label}: twistd exited 0 (got {code})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["all", "postgres", "mysql"], default="all")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--outage", type=float, default=1.0)
    args = parser.parse_args()
    verdict = Verdict("stale_pool")
    for backend in ["postgres", "mysql"] if args.backend == "all" else [args.backend]:
        began = time.monotonic()
        print(f"{backend}: {args.rounds} idle outages of {args.outage:g} s", flush=True)
        asyncio.run(scenario(backend, args.rounds, args.outage, verdict))
        print(f"  ({time.monotonic() - began:.0f} s)", flush=True)
    verdict.finish()


if __name__ == "__main__":
    main()
