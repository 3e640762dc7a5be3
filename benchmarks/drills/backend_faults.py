"""
Backend faults: the beacons service under load while its PostgreSQL,
MariaDB or Redis goes away and comes back. The servers are the machine's
shared ones, reached through a TCP proxy that this drill cuts (the server is
down: connections refused and live ones aborted) and silences (the server
hangs: connections accepted, never answered), then restores; the shared
servers themselves are never touched.

Properties, for each backend and fault: the service stays up; no call
takes longer than the configured timeouts allow (SQL: a connect and a
statement, 2 + 3 s, Redis: one command, 1 s; plus 1 s of slack), waiting
for a pool thread included; every SQL call answered during the outage is a
503 with category NoResponse (Redis behind the caching decorator is a cache
miss: calls still succeed); no 500; it recovers by itself: the first call
after the server's return succeeds within 5 s and none fails after 5 s
(Redis: the service writes to the cache again within 5 s). A hung server
is kept hung for at least 10 s, longer than any timeout.

    python -m benchmarks.drills.backend_faults [--backend all|postgres|mysql|redis] [--outage 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import time
from dataclasses import dataclass
from typing import Any, Optional

from ._aio_http import one_request
from ._common import Twistd, Verdict, beacons_config
from ._proxy import FaultProxy

CONNECT_TIMEOUT_MS = 2000
STATEMENT_TIMEOUT_MS = 3000
REDIS_TIMEOUT_MS = 1000
POOL_SIZE = 4


@dataclass
class Call:
    started: float
    ended: float
    outcome: str
    status: int
    category: Optional[str]


def reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def redis_command(*parts: str) -> Any:
    """One command to the shared Redis (not through the proxy), RESP by hand."""
    payload = f"*{len(parts)}\r\n" + "".join(f"${len(p.encode())}\r\n{p}\r\n" for p in parts)
    with socket.create_connection(("127.0.0.1", 6379), timeout=2) as s:
        s.sendall(payload.encode())
        reply = s.recv(4096).decode()
    if reply.startswith(":"):
        return int(reply[1:].strip())
    return reply.strip()


def drop_table(backend: str, table: str) -> None:
    """The drill's table in the shared database, dropped directly (not through the proxy)."""
    if backend == "postgres":
        import psycopg2

        connection: Any = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="test",
                                           connect_timeout=3)
    else:
        import pymysql

        connection = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="", database="test",
                                     connect_timeout=3)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        connection.commit()
    finally:
        connection.close()


def server_for(backend: str, proxy_port: int, table: str) -> Twistd:
    options = (f"\n  options: {{connect_timeout: {CONNECT_TIMEOUT_MS}, timeout: {STATEMENT_TIMEOUT_MS}, "
               f"max_pool_size: 4}}")
    if backend == "postgres":
        line = '  table: "{{POSTGRES_TABLE}}{{^POSTGRES_TABLE}}beacons{{/POSTGRES_TABLE}}"'
        config = beacons_config(replace={line: line + options})
        params = ["POSTGRES_ENABLED=true", "POSTGRES_SERVICE_HOST=127.0.0.1", f"POSTGRES_SERVICE_PORT={proxy_port}",
                  "POSTGRES_DB=test", "POSTGRES_USER=postgres", f"POSTGRES_TABLE={table}"]
    elif backend == "mysql":
        line = '  table: "{{MYSQL_TABLE}}{{^MYSQL_TABLE}}beacons{{/MYSQL_TABLE}}"'
        config = beacons_config(replace={line: line + options})
        params = ["MYSQL_ENABLED=true", "MYSQL_SERVICE_HOST=127.0.0.1", f"MYSQL_SERVICE_PORT={proxy_port}",
                  "MYSQL_DB=test", "MYSQL_USER=root", f"MYSQL_TABLE={table}"]
    else:
        memory = '- descriptor: "beacons:persistence:memory:default:1.0"\n'
        cached = (
            f'- descriptor: "pip-services:cache:redis:default:1.0"\n'
            f'  connection: {{host: 127.0.0.1, port: {proxy_port}}}\n'
            f'  options: {{timeout_ms: {REDIS_TIMEOUT_MS}, connect_timeout: {REDIS_TIMEOUT_MS}, '
            f'reconnect_delay: 200, max_reconnect_delay: 1000}}\n'
            + memory +
            '- descriptor: "beacons:persistence:caching-decorator:default:1.0"\n'
            '  methods:\n'
            f'    get_one_by_id: {{ttl: 60000, key: "{table}:{{id}}"}}\n'
            '  invalidate: [create, update, delete_by_id]\n'
        )
        config = beacons_config(replace={memory: cached})
        params = []
    return Twistd(config, *params)


async def load(port: int, calls: list[Call], stop: asyncio.Event, workers: int) -> None:
    requests = [
        ("POST", "/v1/beacons/get_beacon_by_id", b'{"id": "1"}'),
        ("POST", "/v1/beacons/get_beacons", b'{"filter": {"site_id": "1"}, "paging": {"take": 5}}'),
        ("POST", "/v1/beacons/get_beacon_by_id", b'{"id": "2"}'),
        ("POST", "/v1/beacons/update_beacon", b'{"beacon": {"id": "2", "site_id": "1", "udi": "00002"}}'),
    ]
    loop = asyncio.get_running_loop()

    async def worker(n: int) -> None:
        i = n
        while not stop.is_set():
            method, path, body = requests[i % len(requests)]
            i += 1
            began = loop.time()
            answer = await one_request(port, method, path, body, timeout=60)
            category = None
            if answer.outcome == "complete" and answer.status >= 400:
                try:
                    category = json.loads(answer.body).get("category")
                except ValueError:
                    category = "not JSON"
            calls.append(Call(began, loop.time(), answer.outcome, answer.status, category))
            await asyncio.sleep(0.01)

    await asyncio.gather(*(worker(n) for n in range(workers)))


async def scenario(backend: str, fault: str, outage: float, verdict: Verdict, workers: int = 16) -> None:
    target = {"postgres": 5432, "mysql": 3306, "redis": 6379}[backend]
    label = f"{backend}/{fault}"
    print(f"{label}: the server is {'down' if fault == 'down' else 'hung'} for {outage:g} s", flush=True)
    if not reachable(target):
        verdict.require(False, f"{label}: the shared server on port {target} is reachable")
        return
    proxy = FaultProxy("127.0.0.1", target)
    table = f"drill_{os.getpid()}_{backend}"
    server = server_for(backend, proxy.port, table).start(timeout=60)
    loop = asyncio.get_running_loop()
    try:
        for n in ("1", "2"):
            await one_request(server.port, "POST", "/v1/beacons/delete_beacon_by_id", json.dumps({"id": n}).encode())
            answer = await one_request(server.port, "POST", "/v1/beacons/create_beacon", json.dumps(
                {"beacon": {"id": n, "site_id": "1", "udi": f"0000{n}"}}).encode())
            assert answer.status == 200, (answer, server.output[-2000:])
        calls: list[Call] = []
        stop = asyncio.Event()
        running = asyncio.ensure_future(load(server.port, calls, stop, workers))
        await asyncio.sleep(3)
        cut_at = loop.time()
        if fault == "down":
            await loop.run_in_executor(None, proxy.cut)
        else:
            await loop.run_in_executor(None, proxy.silence)
        await asyncio.sleep(outage)
        restored_at = loop.time()
        await loop.run_in_executor(None, proxy.restore)
        if backend == "redis":
            redis_command("DEL", f"{table}:1")
        stored_again: Optional[float] = None
        while loop.time() - restored_at < 10:
            await asyncio.sleep(0.1)
            if backend == "redis" and stored_again is None and redis_command("EXISTS", f"{table}:1") == 1:
                stored_again = loop.time() - restored_at
        stop.set()
        await running
        alive = server.alive()
    finally:
        code = server.terminate()
        proxy.close()
        if backend == "redis":
            redis_command("DEL", f"{table}:1", f"{table}:2")
        else:
            drop_table(backend, table)

    before = [c for c in calls if c.ended < cut_at]
    during = [c for c in calls if cut_at + 0.2 <= c.started < restored_at]
    straddling = [c for c in calls if c.started < restored_at < c.ended or c.started < cut_at < c.ended]
    after = [c for c in calls if c.started >= restored_at]
    def is_ok(c: Call) -> bool:
        return c.outcome == "complete" and c.status in (200, 204)

    ended_during = [c for c in calls if cut_at + 0.2 <= c.ended < restored_at]
    failed_during = [c for c in ended_during if not is_ok(c)]
    bad = [c for c in calls if c.outcome != "complete" or (c.status >= 500 and c.status != 503)
           or (c.status == 503 and c.category != "NoResponse")]
    first_ok_after = min((c.ended - restored_at for c in after if is_ok(c)), default=float("inf"))
    last_failure_after = max((c.started - restored_at for c in after if not is_ok(c)), default=0.0)
    time_to_fail = [c.ended - c.started for c in failed_during]
    latency_during = [c.ended - c.started for c in during]
    verdict.figure(f"{label}: calls before / during / after the outage",
                   f"{len(before)} / {len(during)} / {len(after)} ({len(straddling)} straddling)")
    verdict.figure(f"{label}: calls started during the outage: ok / 503 NoResponse / other",
                   f"{sum(is_ok(c) for c in during)} / "
                   f"{sum(c.status == 503 and c.category == 'NoResponse' for c in during)} / "
                   f"{sum(not is_ok(c) and not (c.status == 503 and c.category == 'NoResponse') for c in during)}")
    if latency_during:
        verdict.figure(f"{label}: call time during the outage, median / max s",
                       f"{statistics.median(latency_during):.3f} / {max(latency_during):.3f}")
    if time_to_fail:
        verdict.figure(f"{label}: time to fail, median / max s",
                       f"{statistics.median(time_to_fail):.3f} / {max(time_to_fail):.3f}")
    verdict.figure(f"{label}: first success after the return, s", f"{first_ok_after:.2f}")
    verdict.figure(f"{label}: last failed call started after the return, s", f"{last_failure_after:.2f}")
    if backend == "redis":
        verdict.figure(f"{label}: cache written again after the return, s",
                       "never" if stored_again is None else f"{stored_again:.2f}")

    # The most a call may take: a connect and a statement (SQL), one command (Redis), and 1 s of slack.
    limit = (REDIS_TIMEOUT_MS if backend == "redis" else CONNECT_TIMEOUT_MS + STATEMENT_TIMEOUT_MS) / 1000 + 1
    verdict.require(all(is_ok(c) for c in before), f"{label}: every call succeeds before the outage")
    verdict.require(not bad, f"{label}: no 500, no cut or hung call, every 503 is NoResponse ({len(bad)} bad)")
    slowest = max((c.ended - c.started for c in calls), default=0.0)
    verdict.figure(f"{label}: slowest call of the run, s", f"{slowest:.2f}")
    verdict.require(bool(during) and slowest <= limit,
                    f"{label}: no call hangs past the configured timeouts ({limit:g} s)")
    if backend == "redis":
        verdict.require(not failed_during, f"{label}: with the cache down calls still succeed (cache miss)")
        verdict.require(stored_again is not None and stored_again <= 5.0, f"{label}: the cache is used again within 5 s")
    else:
        verdict.require(bool(ended_during) and len(failed_during) == len(ended_during),
                        f"{label}: every call answered while the database is away is a 503")
    verdict.require(first_ok_after <= 5.0 and last_failure_after <= 5.0,
                    f"{label}: recovered within 5 s of the server's return")
    verdict.require(alive, f"{label}: the service stayed up")
    verdict.require(code == 0, f"{label}: twistd exited 0 (got {code})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["all", "postgres", "mysql", "redis"], default="all")
    parser.add_argument("--fault", choices=["all", "down", "silent"], default="all")
    parser.add_argument("--outage", type=float, default=5.0)
    args = parser.parse_args()
    verdict = Verdict("backend_faults")
    backends = ["postgres", "mysql", "redis"] if args.backend == "all" else [args.backend]
    faults = ["down", "silent"] if args.fault == "all" else [args.fault]
    for backend in backends:
        for fault in faults:
            began = time.monotonic()
            # A hung server must outlast the timeouts, or a hang would end with the outage and go unseen.
            outage = args.outage if fault == "down" else max(args.outage, 10.0)
            asyncio.run(scenario(backend, fault, outage, verdict))
            print(f"  ({time.monotonic() - began:.0f} s)", flush=True)
    verdict.finish()


if __name__ == "__main__":
    main()
