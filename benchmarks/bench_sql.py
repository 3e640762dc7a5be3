"""
The PostgreSQL and MySQL persistences against the raw driver on the same adbapi pool settings.

Each round creates N items, then reads each by id, with C{--concurrency} calls
in flight, through the persistence (document mode) and through a raw
C{adbapi.ConnectionPool} doing the same INSERT and SELECT (the same JSON text;
the raw reads decode the JSON as the persistence does). Rounds alternate
between the two; the medians of writes/s, reads/s and of the per-round ratios
are printed. Loopback servers only: PostgreSQL 127.0.0.1:5432 (user postgres,
database test), MariaDB/MySQL 127.0.0.1:3306 (root, database test). Stops
starting rounds after C{--budget} seconds.

    python benchmarks/bench_sql.py [--n 1000] [--rounds 7] [--concurrency 20] [--pool-size 5]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import time
from typing import Any, Awaitable, Callable

from twisted.enterprise import adbapi
from twisted.internet import defer, task

try:
    from ._concurrency import run_concurrently
except ImportError:  # run as a script: python benchmarks/bench_sql.py
    import os
    import sys

    # the package of this checkout, not an installed copy
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from _concurrency import run_concurrently  # type: ignore[no-redef]

from pipservices_tx.config import ConfigParams
from pipservices_tx.persistence.sql import IdentifiableMySqlPersistence, IdentifiablePostgresPersistence

HOST = "127.0.0.1"
ITEM = {
    "site_id": "1",
    "type": "altbeacon",
    "udi": "00001",
    "label": "TestBeacon1",
    "center": {"type": "Point", "coordinates": [0, 0]},
    "radius": 50.0,
}


class Backend:
    """One server: a persistence and a raw pool on the same table layout, each with its own table."""

    def __init__(
        self,
        name: str,
        port: int,
        persistence_class: Any,
        driver: str,
        connect: dict[str, Any],
        quote: str,
        decode: bool,
    ) -> None:
        self.name, self.port, self.persistence_class = name, port, persistence_class
        self.driver, self.connect, self.quote, self.decode = driver, connect, quote, decode
        suffix = os.getpid()
        self.table, self.raw_table = f"bench_p_{suffix}", f"bench_r_{suffix}"

    def config(self, table: str, pool_size: int) -> ConfigParams:
        user = self.connect.get("user", "")
        return ConfigParams(
            {
                "connection.host": HOST,
                "connection.port": str(self.port),
                "connection.database": "test",
                "credential.username": user,
                "table": table,
                "options.max_pool_size": str(pool_size),
                "options.min_pool_size": str(pool_size),
            }
        )

    async def setup(self, pool_size: int) -> None:
        self.persistence = self.persistence_class()
        self.persistence.configure(self.config(self.table, pool_size))
        await self.persistence.open(None)
        # the raw table: created through a second persistence, then used only through the raw pool
        creator = self.persistence_class()
        creator.configure(self.config(self.raw_table, 1))
        await creator.open(None)
        await creator.close(None)
        self.raw = adbapi.ConnectionPool(self.driver, cp_min=pool_size, cp_max=pool_size, **self.connect)
        q = self.quote
        self.insert_sql = f"INSERT INTO {q}{self.raw_table}{q} ({q}id{q}, {q}data{q}) VALUES (%s, %s)"
        self.select_sql = f"SELECT {q}data{q} FROM {q}{self.raw_table}{q} WHERE {q}id{q} = %s"
        self.delete_sql = f"DELETE FROM {q}{self.raw_table}{q}"

    async def clear(self) -> None:
        await self.persistence.clear(None)
        await self.raw.runOperation(self.delete_sql)

    async def teardown(self) -> None:
        for table in (self.table, self.raw_table):
            await self.raw.runOperation(f"DROP TABLE IF EXISTS {self.quote}{table}{self.quote}")
        await self.persistence.close(None)
        self.raw.close()

    # -- the work -----------------------------------------------------------------

    def persistence_write(self, round_: int) -> Callable[[int], Awaitable[Any]]:
        async def call(i: int) -> None:
            await self.persistence.create(None, dict(ITEM, id=f"{round_}-{i}"))

        return call

    def persistence_read(self, round_: int) -> Callable[[int], Awaitable[Any]]:
        async def call(i: int) -> None:
            item = await self.persistence.get_one_by_id(None, f"{round_}-{i}")
            assert item["udi"] == "00001"

        return call

    def raw_write(self, round_: int) -> Callable[[int], Awaitable[Any]]:
        async def call(i: int) -> None:
            item = dict(ITEM, id=f"{round_}-{i}")
            await self.raw.runOperation(self.insert_sql, (item["id"], json.dumps(item)))

        return call

    def raw_read(self, round_: int) -> Callable[[int], Awaitable[Any]]:
        async def call(i: int) -> None:
            rows = await self.raw.runQuery(self.select_sql, (f"{round_}-{i}",))
            item = json.loads(rows[0][0]) if self.decode else rows[0][0]
            assert item["udi"] == "00001"

        return call


async def bench(backend: Backend, args: argparse.Namespace, deadline: float) -> None:
    await backend.setup(args.pool_size)
    try:
        rates: dict[str, list[float]] = {key: [] for key in ("pw", "pr", "rw", "rr")}
        warm = min(200, args.n)
        await run_concurrently(warm, args.concurrency, backend.persistence_write(-1))
        await run_concurrently(warm, args.concurrency, backend.raw_write(-1))
        for round_ in range(args.rounds):
            if time.monotonic() > deadline:
                break
            await backend.clear()
            order = [
                ("p", backend.persistence_write, backend.persistence_read),
                ("r", backend.raw_write, backend.raw_read),
            ]
            for prefix, write, read in order if round_ % 2 == 0 else reversed(order):
                rates[prefix + "w"].append(args.n / await run_concurrently(args.n, args.concurrency, write(round_)))
                rates[prefix + "r"].append(args.n / await run_concurrently(args.n, args.concurrency, read(round_)))
        median = {key: statistics.median(values) for key, values in rates.items()}
        write_ratio = statistics.median(p / r for p, r in zip(rates["pw"], rates["rw"], strict=True))
        read_ratio = statistics.median(p / r for p, r in zip(rates["pr"], rates["rr"], strict=True))
        rounds = len(rates["pw"])
        print(
            f"{backend.name:<11} writes {median['pw']:>7.0f}/s  raw {median['rw']:>7.0f}/s  ratio {write_ratio:4.2f}"
            f"   reads {median['pr']:>7.0f}/s  raw {median['rr']:>7.0f}/s  ratio {read_ratio:4.2f}"
            f"   ({rounds} rounds)"
        )
    finally:
        await backend.teardown()


def listening(port: int) -> bool:
    try:
        socket.create_connection((HOST, port), timeout=0.5).close()
        return True
    except OSError:
        print(f"nothing listens on {HOST}:{port}; skipped")
        return False


async def main(reactor: Any, args: argparse.Namespace) -> None:
    deadline = time.monotonic() + args.budget
    print(
        f"N={args.n} creates then N reads by id per round, concurrency {args.concurrency}, "
        f"pool size {args.pool_size}, median of up to {args.rounds} rounds"
    )
    backends = []
    if listening(5432):
        backends.append(
            Backend(
                "PostgreSQL",
                5432,
                IdentifiablePostgresPersistence,
                "psycopg2",
                {"host": HOST, "port": 5432, "user": "postgres", "dbname": "test"},
                '"',
                False,
            )
        )
    if listening(3306):
        backends.append(
            Backend(
                "MariaDB",
                3306,
                IdentifiableMySqlPersistence,
                "pymysql",
                {"host": HOST, "port": 3306, "user": "root", "password": "", "database": "test", "charset": "utf8mb4"},
                "`",
                True,
            )
        )
    for index, backend in enumerate(backends):
        share = deadline - (args.budget / len(backends)) * (len(backends) - index - 1)
        await bench(backend, args, share)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--pool-size", type=int, default=5)
    parser.add_argument("--budget", type=float, default=45.0, help="seconds before rounds stop being started")
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, parser.parse_args())))
