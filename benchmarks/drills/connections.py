"""
Connections: 5,000 concurrent idle keep-alive connections held while the
service still answers other requests; idle connections closed after
C{options.idle_timeout}; slowloris clients cut off after
C{options.header_timeout}; beyond C{options.max_concurrent_requests} a burst
is answered 503 with C{Retry-After} at once, not queued.

    python -m benchmarks.drills.connections [--connections 5000] [--idle-timeout 20] [--header-timeout 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

from ._aio_http import KeepAlive, one_request
from ._common import Twistd, Verdict, beacons_config, fd_count, fd_limit, raise_fd_limit
from ._slow_service import SLOW_ENTRY


async def hold(port: int, count: int, verdict: Verdict, server: Twistd, idle_timeout: float) -> None:
    began = time.monotonic()
    held: list[KeepAlive] = []
    for start in range(0, count, 250):
        batch = await asyncio.gather(*(KeepAlive.open(port) for _ in range(start, min(count, start + 250))))
        opened = [c for c in batch if c is not None]
        answers = await asyncio.gather(*(c.call("GET", "/heartbeat") for c in opened))
        held += [c for c, a in zip(opened, answers, strict=True) if a.outcome == "complete" and a.status == 200]
    verdict.figure("keep-alive connections opened and answered", f"{len(held)} in {time.monotonic() - began:.1f} s")
    verdict.figure("server open fds while held", fd_count(server.pid))
    verdict.require(len(held) == count, f"{count} keep-alive connections held")

    # Others are still served while they are held.
    latencies = []
    failures = 0
    for _ in range(300):
        answer = await one_request(port, "POST", "/v1/beacons/get_beacon_by_id", b'{"id": "1"}')
        latencies.append(answer.seconds * 1000)
        failures += answer.outcome != "complete" or answer.status not in (200, 204)
    latencies.sort()
    verdict.figure("other requests while held: ok / failed", f"{300 - failures} / {failures}")
    verdict.figure("their latency p50 / p99 ms", f"{statistics.median(latencies):.2f} / {latencies[296]:.2f}")
    verdict.require(failures == 0, "the service answers other requests while the connections are held")

    # A sample of the held connections is still usable (not dropped), which also resets their idle timer.
    sample = held[: min(500, len(held))]
    answers = await asyncio.gather(*(c.call("GET", "/heartbeat") for c in sample))
    usable = sum(a.outcome == "complete" for a in answers)
    verdict.figure("held connections still usable (sample)", f"{usable} / {len(sample)}")
    verdict.require(usable == len(sample), "held connections stay open within the idle timeout")

    # Idle timeout: every held connection is closed by the server after options.idle_timeout.
    async def closed_after(connection: KeepAlive) -> float:
        try:
            data = await asyncio.wait_for(connection.reader.read(1), idle_timeout + 15)
        except (asyncio.TimeoutError, ConnectionError, OSError):
            data = b"?"
        return time.monotonic() - connection.last_used if data == b"" else float("inf")

    waits = await asyncio.gather(*(closed_after(c) for c in held))
    closed = [w for w in waits if w != float("inf")]
    verdict.figure("idle connections closed by the server", f"{len(closed)} / {len(held)}")
    if closed:
        verdict.figure("idle time before close, min / max s", f"{min(closed):.1f} / {max(closed):.1f} "
                       f"(idle_timeout {idle_timeout:g})")
    verdict.require(len(closed) == len(held), "every idle keep-alive connection is closed")
    verdict.require(bool(closed) and min(closed) >= idle_timeout - 0.5 and max(closed) <= idle_timeout + 5,
                    "closed after idle_timeout, not before and not much later")
    for c in held:
        c.close()


async def slowloris(port: int, header_timeout: float, clients: int, verdict: Verdict) -> None:
    async def one() -> tuple[float, bytes]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        began = time.monotonic()
        writer.write(b"GET /heartbeat HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        received = b""
        answered_at = None
        n = 0
        while time.monotonic() - began < header_timeout + 20:
            try:
                writer.write(b"X-Trickle-%d: x\r\n" % n)
                await writer.drain()
            except (ConnectionError, OSError):
                break
            n += 1
            try:
                chunk = await asyncio.wait_for(reader.read(4096), 0.5)
            except asyncio.TimeoutError:
                continue
            except (ConnectionError, OSError):
                break
            if not chunk:
                break
            if answered_at is None:
                answered_at = time.monotonic()
            received += chunk
        writer.close()
        return (answered_at or time.monotonic()) - began, received

    results = await asyncio.gather(*(one() for _ in range(clients)))
    times = [t for t, _ in results]
    got_408 = sum(r.startswith(b"HTTP/1.1 408") for _, r in results)
    verdict.figure("slowloris clients cut off", f"{len(results)}; after {min(times):.1f}-{max(times):.1f} s "
                   f"(header_timeout {header_timeout:g}); {got_408} got a 408")
    verdict.require(all(header_timeout - 0.5 <= t <= header_timeout + 1 for t in times),
                    "slowloris cut off after header_timeout (+1 s of polling)")


async def burst(port: int, limit: int, size: int, verdict: Verdict) -> None:
    answers = await asyncio.gather(*(one_request(port, "GET", "/drill/slow?ms=1000") for _ in range(size)))
    ok = [a for a in answers if a.outcome == "complete" and a.status == 200]
    busy = [a for a in answers if a.outcome == "complete" and a.status == 503]
    other = [a for a in answers if a not in ok and a not in busy]
    retry_after = {a.headers.get("retry-after") for a in busy}
    categories = {json.loads(a.body).get("category") for a in busy}
    busy_time = statistics.median([a.seconds for a in busy]) if busy else 0.0
    verdict.figure(f"burst of {size} slow requests (limit {limit})",
                   f"{len(ok)} x 200, {len(busy)} x 503, {len(other)} other")
    verdict.figure("503 answers: Retry-After / category / median s",
                   f"{sorted(filter(None, retry_after))} / {sorted(filter(None, categories))} / {busy_time:.2f}")
    verdict.require(not other, "every burst request answered 200 or 503")
    verdict.require(len(ok) >= limit and len(busy) > 0, "the limit admits max_concurrent_requests, refuses the rest")
    verdict.require(retry_after == {"2"} and categories == {"NoResponse"}, "503 with Retry-After and a NoResponse body")
    verdict.require(busy_time < 0.5, "refusals are immediate: median 503 well before the admitted requests (1 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=5000)
    parser.add_argument("--idle-timeout", type=float, default=20.0)
    parser.add_argument("--header-timeout", type=float, default=3.0)
    parser.add_argument("--max-concurrent", type=int, default=50)
    args = parser.parse_args()
    verdict = Verdict("connections")
    limit = raise_fd_limit(args.connections * 2 + 1000)
    verdict.figure("drill process fd limit (ulimit -n)", limit)
    config = beacons_config(
        {"idle_timeout": args.idle_timeout, "header_timeout": args.header_timeout,
         "max_concurrent_requests": args.max_concurrent, "retry_after": 2},
        extra=SLOW_ENTRY,
    )
    server = Twistd(config, fd_limit=args.connections * 2 + 1000).start()
    verdict.figure("server fd limit", fd_limit(server.pid))
    try:
        asyncio.run(hold(server.port, args.connections, verdict, server, args.idle_timeout))
        asyncio.run(slowloris(server.port, args.header_timeout, 20, verdict))
        asyncio.run(burst(server.port, args.max_concurrent, 300, verdict))
        verdict.require(server.alive(), "the service is still up")
    finally:
        code = server.terminate()
    verdict.require(code == 0, f"twistd exited 0 after SIGTERM (got {code})")
    verdict.finish()


if __name__ == "__main__":
    main()
