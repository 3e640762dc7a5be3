"""
The load of the fleet drill: calls to the facade at a steady rate on keep-alive connections, each recorded.

    python -m benchmarks.drills._fleet_load --port 8090 --out calls.json [--rate 150] [--workers 6]

Nine calls in ten are C{get_beacons} of the site C{fleet} (a read: the
facade may try it again on another instance), whose single beacon names
the instance that answered; one in ten is C{update_beacon} of a beacon that
does not exist (a write: never sent twice). It runs until its standard input
closes, C{--seconds} pass or C{--max-calls} are made, then writes one record
a call: C{[start, end, kind, outcome, status, instance]} (monotonic seconds).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
import time
from typing import Any, Optional

from ._aio_http import KeepAlive

READ = ("/v1/beacons/get_beacons", json.dumps({"filter": {"site_id": "fleet"}}).encode())
WRITE = ("/v1/beacons/update_beacon", json.dumps({"beacon": {"id": "none", "site_id": "fleet", "udi": "x"}}).encode())


def instance_of(body: bytes) -> Optional[str]:
    try:
        data = json.loads(body).get("data") or []
        return str(data[0]["id"]) if data else None
    except (ValueError, AttributeError, KeyError, TypeError):
        return None


async def worker(n: int, port: int, interval: float, records: list[list[Any]], stop: asyncio.Event,
                 max_calls: int, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    connection: Optional[KeepAlive] = None
    calls = n
    due = loop.time() + interval * n / 10
    while not stop.is_set() and len(records) < max_calls:
        await asyncio.sleep(max(0.0, due - loop.time()))
        due += interval
        if connection is None:
            connection = await KeepAlive.open(port)
            if connection is None:
                now = time.monotonic()
                records.append([now, now, "connect", "refused", 0, None])
                continue
        write = calls % 10 == 9
        calls += 1
        path, body = WRITE if write else READ
        began = time.monotonic()
        answer = await connection.call("POST", path, body, timeout)
        instance = instance_of(answer.body) if not write and answer.status == 200 else None
        records.append([began, time.monotonic(), "write" if write else "read", answer.outcome, answer.status,
                        instance])
        if answer.outcome != "complete" or answer.headers.get("connection", "").lower() == "close":
            connection.close()
            connection = None
    if connection is not None:
        connection.close()


async def run(args: argparse.Namespace) -> list[list[Any]]:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def watch_stdin() -> None:
        sys.stdin.read()  # returns when the drill closes our standard input
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_stdin, daemon=True).start()
    loop.call_later(args.seconds, stop.set)
    records: list[list[Any]] = []
    interval = args.workers / args.rate
    await asyncio.gather(*(worker(n, args.port, interval, records, stop, args.max_calls, args.timeout)
                           for n in range(args.workers)))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--rate", type=float, default=150.0, help="calls a second, all workers together")
    parser.add_argument("--workers", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--max-calls", type=int, default=200_000)
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for one answer")
    args = parser.parse_args()
    records = asyncio.run(run(args))
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(records, f)


if __name__ == "__main__":
    main()
