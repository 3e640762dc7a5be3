"""
RedisCache and MemcachedCache against the raw clients they wrap.

Each round runs N store+retrieve pairs (C{--concurrency} in flight) through the
cache and through the raw client doing the same work: the same commands, the
value encoded to and decoded from the same JSON text, and the same reply
timeout (5 s, the caches' default C{options.timeout_ms}); ops/s counts each
store and each retrieve. Prints the median of the rounds and the median of the
same-round cache/raw ratios (of ops/s, and of this process's CPU time per
operation, which the machine's other work disturbs less), and, for reference, against the raw client with
neither JSON nor timeout. Loopback servers only: Redis 127.0.0.1:6379, memcached
127.0.0.1:11211. Stops early to stay under C{--budget} seconds.

    python benchmarks/bench_cache.py [--n 2000] [--rounds 5] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from typing import Any, Awaitable, Callable

from twisted.internet import defer, task
from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol
from twisted.protocols.memcache import MemCacheProtocol

try:
    from ._concurrency import run_concurrently
    from ._servers import listening
except ImportError:  # run as a script: python benchmarks/bench_cache.py
    import os
    import sys

    # the package of this checkout, not an installed copy
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from _concurrency import run_concurrently  # type: ignore[no-redef]
    from _servers import listening  # type: ignore[no-redef]

from pipservices_tx.cache import MemcachedCache, RedisCache
from pipservices_tx.config import ConfigParams

HOST = "127.0.0.1"
VALUE = {"id": "1", "site_id": "1", "udi": "00001", "label": "TestBeacon1",
         "center": {"type": "Point", "coordinates": [0, 0]}, "radius": 50}
TEXT = json.dumps(VALUE, separators=(",", ":"))
TTL_MS = 60000
TIMEOUT_S = 5.0


async def bench(
    name: str, args: argparse.Namespace, deadline: float,
    wrapped: Callable[[int], Awaitable[Any]], raw: Callable[[int], Awaitable[Any]],
) -> None:
    await run_concurrently(min(200, args.n), args.concurrency, wrapped)  # warm up both
    await run_concurrently(min(200, args.n), args.concurrency, raw)
    wrapped_rates: list[float] = []
    raw_rates: list[float] = []
    wrapped_cpu: list[float] = []
    raw_cpu: list[float] = []
    for _ in range(args.rounds):
        if time.monotonic() > deadline and raw_rates:
            break
        for fn, rates, cpu in ((wrapped, wrapped_rates, wrapped_cpu), (raw, raw_rates, raw_cpu)):
            started = time.process_time()
            rates.append(2 * args.n / await run_concurrently(args.n, args.concurrency, fn))
            cpu.append((time.process_time() - started) / (2 * args.n) * 1e6)
    w, r = statistics.median(wrapped_rates), statistics.median(raw_rates)
    ratio = statistics.median(a / b for a, b in zip(wrapped_rates, raw_rates, strict=True))
    # this process's CPU time per operation: what other tenants of the machine disturb least
    cpu_ratio = statistics.median(b / a for a, b in zip(wrapped_cpu, raw_cpu, strict=True))
    print(f"{name:<34} {w:>8.0f} ops/s   raw {r:>8.0f} ops/s   ratio {ratio:5.2f}   "
          f"CPU {statistics.median(wrapped_cpu):5.1f} vs {statistics.median(raw_cpu):5.1f} µs/op, "
          f"ratio {cpu_ratio:5.2f}   ({len(raw_rates)} rounds)")


async def bench_redis(reactor: Any, args: argparse.Namespace, deadline: float) -> None:
    import txredisapi

    cache = RedisCache()
    cache.set_reactor(reactor)
    cache.configure(ConfigParams({"connection.host": HOST, "connection.port": 6379,
                                  "options.pool_size": args.pool_size}))
    await cache.open(None)
    raw = await txredisapi.ConnectionPool(HOST, 6379, poolsize=args.pool_size, convertNumbers=False)
    # RedisCache passes options.timeout_ms to txredisapi as replyTimeout (a timer per command)
    raw_timed = await txredisapi.ConnectionPool(HOST, 6379, poolsize=args.pool_size, convertNumbers=False,
                                                replyTimeout=TIMEOUT_S)
    try:
        async def wrapped(i: int) -> None:
            key = f"bench:redis:cache:{i}"
            await cache.store(None, key, VALUE, TTL_MS)
            assert await cache.retrieve(None, key) == VALUE

        async def plain(i: int) -> None:
            key = f"bench:redis:raw:{i}"
            await raw.set(key, TEXT, pexpire=TTL_MS)
            assert await raw.get(key) == TEXT

        async def same_work(i: int) -> None:
            key = f"bench:redis:raw:{i}"
            await raw_timed.set(key, json.dumps(VALUE, separators=(",", ":")), pexpire=TTL_MS)
            assert json.loads(await raw_timed.get(key)) == VALUE

        await bench("RedisCache vs txredisapi", args, deadline, wrapped, same_work)
        await bench("  (raw without JSON or timeout)", args, deadline, wrapped, plain)
    finally:
        await cache.close(None)
        await raw.disconnect()
        await raw_timed.disconnect()


async def bench_memcached(reactor: Any, args: argparse.Namespace, deadline: float) -> None:
    cache = MemcachedCache()
    cache.set_reactor(reactor)
    cache.configure(ConfigParams({"connection.host": HOST, "connection.port": 11211}))
    await cache.open(None)
    raw = await connectProtocol(TCP4ClientEndpoint(reactor, HOST, 11211), MemCacheProtocol())
    raw_timed = await connectProtocol(TCP4ClientEndpoint(reactor, HOST, 11211), MemCacheProtocol(TIMEOUT_S))
    data = TEXT.encode()
    try:
        async def wrapped(i: int) -> None:
            key = f"bench:memcached:cache:{i}"
            await cache.store(None, key, VALUE, TTL_MS)
            assert await cache.retrieve(None, key) == VALUE

        async def plain(i: int) -> None:
            key = f"bench:memcached:raw:{i}".encode()
            await raw.set(key, data, 0, TTL_MS // 1000)
            assert (await raw.get(key))[1] == data

        async def same_work(i: int) -> None:
            key = f"bench:memcached:raw:{i}".encode()
            await raw_timed.set(key, json.dumps(VALUE, separators=(",", ":")).encode(), 0, TTL_MS // 1000)
            assert json.loads((await raw_timed.get(key))[1]) == VALUE

        await bench("MemcachedCache vs MemCacheProtocol", args, deadline, wrapped, same_work)
        await bench("  (raw without JSON, timeout 60 s)", args, deadline, wrapped, plain)
    finally:
        await cache.close(None)
        raw.transport.loseConnection()
        raw_timed.transport.loseConnection()


async def main(reactor: Any, args: argparse.Namespace) -> None:
    deadline = time.monotonic() + args.budget
    print(f"N={args.n} store+retrieve pairs per round, concurrency {args.concurrency}, "
          f"median of up to {args.rounds} rounds")
    if listening(6379):
        await bench_redis(reactor, args, deadline - args.budget / 2)
    if listening(11211):
        await bench_memcached(reactor, args, deadline)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--pool-size", type=int, default=3)
    parser.add_argument("--budget", type=float, default=25.0, help="seconds before rounds stop being started")
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, parser.parse_args())))
