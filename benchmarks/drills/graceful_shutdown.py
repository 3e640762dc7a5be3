"""
Graceful shutdown: SIGTERM to the beacons service under load. Properties:
no request is cut mid-response (every answer is complete, or the connection
was refused or closed before any byte of an answer); every request sent on
a new connection the server accepted gets a whole answer (none closed or
reset unanswered); every slow request in flight at the signal completes
with 200; twistd exits 0, and the log shows the drain before the container
stops.

    python -m benchmarks.drills.graceful_shutdown [--load-seconds 3] [--workers 40] [--pre-stop-delay 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import time

from ._aio_http import Answer, KeepAlive, one_request
from ._common import Twistd, Verdict, beacons_config
from ._slow_service import SLOW_ENTRY


class Tally:
    def __init__(self) -> None:
        self.outcomes: collections.Counter[str] = collections.Counter()
        self.new_connection: collections.Counter[str] = collections.Counter()
        self.statuses: collections.Counter[int] = collections.Counter()
        self.slow_in_flight_at_signal: list[asyncio.Future[Answer]] = []
        self.ready_after_signal: collections.Counter[int] = collections.Counter()

    def add(self, answer: Answer) -> None:
        self.outcomes[answer.outcome] += 1
        if answer.outcome == "complete":
            self.statuses[answer.status] += 1


async def drill(server: Twistd, load_seconds: float, workers: int, verdict: Verdict) -> None:
    port = server.port
    tally = Tally()
    signalled = asyncio.Event()
    stop = asyncio.Event()
    bodies = [
        ("POST", "/v1/beacons/get_beacon_by_id", b'{"id": "1"}'),
        ("POST", "/v1/beacons/get_beacons", b'{"paging": {"take": 5}}'),
        ("POST", "/v1/beacons/create_beacon", b'{"beacon": {"site_id": "1", "udi": "x"}}'),
    ]

    async def short_worker(n: int) -> None:
        i = n
        while not stop.is_set():
            method, path, body = bodies[i % len(bodies)]
            i += 1
            answer = await one_request(port, method, path, body, timeout=20)
            tally.add(answer)
            tally.new_connection[answer.outcome] += 1
            if answer.outcome == "refused":
                await asyncio.sleep(0.01)

    async def keep_alive_worker(n: int) -> None:
        connection = None
        while not stop.is_set():
            if connection is None:
                connection = await KeepAlive.open(port)
                if connection is None:
                    tally.add(Answer("refused"))
                    await asyncio.sleep(0.01)
                    continue
            path = "/health/ready" if n % 2 else "/v1/beacons/get_beacon_by_id"
            answer = await connection.call("GET" if n % 2 else "POST", path, b"" if n % 2 else b'{"id": "1"}', 20)
            tally.add(answer)
            if signalled.is_set() and path == "/health/ready" and answer.outcome == "complete":
                tally.ready_after_signal[answer.status] += 1
            if answer.outcome != "complete" or answer.headers.get("connection", "").lower() == "close":
                connection.close()
                connection = None

    async def slow_worker() -> None:
        while not stop.is_set():
            request = asyncio.ensure_future(one_request(port, "GET", "/drill/slow?ms=1500", timeout=30))
            if not signalled.is_set():
                tally.slow_in_flight_at_signal.append(request)
            answer = await request
            tally.add(answer)

    tasks = [asyncio.ensure_future(short_worker(n)) for n in range(workers)]
    tasks += [asyncio.ensure_future(keep_alive_worker(n)) for n in range(workers // 2)]
    tasks += [asyncio.ensure_future(slow_worker()) for _ in range(10)]
    await asyncio.sleep(load_seconds)
    before = sum(tally.outcomes.values())
    # Only the slow requests that have surely reached the server: sent 0.3 s before the signal.
    await asyncio.sleep(0.3)
    in_flight = [f for f in tally.slow_in_flight_at_signal if not f.done()]
    signalled.set()
    assert server.process is not None
    began = time.monotonic()
    server.process.send_signal(15)
    code = await asyncio.get_running_loop().run_in_executor(None, server.process.wait, 30)
    stopped_after = time.monotonic() - began
    await asyncio.sleep(1.0)  # the load keeps knocking: refused from now on
    stop.set()
    await asyncio.gather(*tasks)
    slow = [f.result() for f in in_flight]

    verdict.figure("requests before SIGTERM", before)
    verdict.figure("outcomes", dict(tally.outcomes))
    verdict.figure("outcomes of the requests on a new connection", dict(tally.new_connection))
    verdict.figure("statuses of complete answers", dict(sorted(tally.statuses.items())))
    verdict.figure("slow requests in flight at SIGTERM, completed 200",
                   f"{sum(a.outcome == 'complete' and a.status == 200 for a in slow)} / {len(slow)}")
    verdict.figure("/health/ready answers after SIGTERM (keep-alive)", dict(tally.ready_after_signal))
    verdict.figure("SIGTERM to exit, s", f"{stopped_after:.2f}")
    verdict.require(tally.outcomes["cut"] == 0, "zero requests cut mid-response")
    verdict.require(tally.new_connection["cut"] + tally.new_connection["closed"] == 0,
                    "zero requests on a new connection closed or reset without an answer")
    verdict.require(bool(slow) and all(a.outcome == "complete" and a.status == 200 for a in slow),
                    "every slow request in flight at SIGTERM completed with 200")
    unexpected = {s: n for s, n in tally.statuses.items() if s not in (200, 204, 503)}
    verdict.require(not unexpected, f"no error answers but readiness 503s ({unexpected})")
    verdict.require(code == 0, f"twistd exited 0 (got {code})")
    text = server.output
    markers = ["Received SIGTERM: stopping gracefully", "HTTP endpoint drained", "Container beacons stopped"]
    positions = [text.find(m) for m in markers]
    verdict.require(all(p >= 0 for p in positions) and positions == sorted(positions),
                    "log order: SIGTERM, drained, container stopped")
    verdict.require("Traceback" not in text, "no traceback in the log")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--load-seconds", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=40)
    parser.add_argument("--pre-stop-delay", type=float, default=0.5)
    args = parser.parse_args()
    verdict = Verdict("graceful_shutdown")
    config = beacons_config({"shutdown_timeout": 10, "pre_stop_delay": args.pre_stop_delay}, extra=SLOW_ENTRY)
    server = Twistd(config).start()
    try:
        asyncio.run(drill(server, args.load_seconds, args.workers, verdict))
    finally:
        server.kill()
    verdict.finish()


if __name__ == "__main__":
    main()
