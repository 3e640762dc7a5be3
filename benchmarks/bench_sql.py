"""
The PostgreSQL and MySQL persistences against the raw driver on the same adbapi pool settings.

Both sides get the same work: the same table layout (the raw table is created
by a second persistence), the same statements (the persistence's INSERT,
ON CONFLICT clause included, and its SELECT by id), the same JSON encoding of
the item, the same decoding of the read row into a dict, the same pool size
(C{cp_min} = C{cp_max}) and the same connect options and timeouts.

A round writes N items through each side, then reads each back by id, with
C{--concurrency} calls in flight. Each phase is cut into C{--slices} slices run
in ABBA order (persistence, raw, raw, persistence, ...), so that the noise of
this shared machine and the server's background work fall on both sides
alike. For each side the round yields its throughput and the CPU time of this
process (reactor and pool threads) per call; the per-round ratios (ours / raw
throughput, and raw / ours CPU) are reported as medians over the rounds, with
the CPU each side spends per call. Loopback servers only: PostgreSQL
127.0.0.1:5432 (user postgres, database test), MariaDB/MySQL 127.0.0.1:3306
(root, database test). Stops starting rounds after C{--budget} seconds.

    python benchmarks/bench_sql.py [--n 1000] [--rounds 9] [--slices 8] [--concurrency 20] [--pool-size 5]
                                  [--servers postgres,mariadb] [--control]

C{--control} runs a second raw pool in place of the persistence: its ratios
show the noise and bias of the method itself (they should be near 1.00).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from typing import Any, Awaitable, Callable

from twisted.enterprise import adbapi
from twisted.internet import defer, task

try:
    from ._concurrency import run_concurrently
    from ._servers import listening
except ImportError:  # run as a script: python benchmarks/bench_sql.py
    import sys

    # the package of this checkout, not an installed copy
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from _concurrency import run_concurrently  # type: ignore[no-redef]
    from _servers import listening  # type: ignore[no-redef]

from pipservices_tx.config import ConfigParams
from pipservices_tx.persistence.sql import IdentifiableMySqlPersistence, IdentifiablePostgresPersistence

HOST = "127.0.0.1"
CONNECT_TIMEOUT_S = 5  # the persistence's default options.connect_timeout (5000 ms)
ITEM = {
    "site_id": "1",
    "type": "altbeacon",
    "udi": "00001",
    "label": "TestBeacon1",
    "center": {"type": "Point", "coordinates": [0, 0]},
    "radius": 50.0,
}


ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode(item: dict[str, Any]) -> str:
    """The JSON text the persistence stores (compact, UTF-8 kept)."""
    return ENCODER.encode(item)


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
        insert_suffix: str,
    ) -> None:
        self.name, self.port, self.persistence_class = name, port, persistence_class
        self.driver, self.connect, self.quote, self.decode = driver, connect, quote, decode
        self.insert_suffix = insert_suffix
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
                "options.connect_timeout": str(CONNECT_TIMEOUT_S * 1000),
            }
        )

    async def setup(self, pool_size: int, control: bool) -> None:
        self.persistence = self.persistence_class()
        self.persistence.configure(self.config(self.table, pool_size))
        await self.persistence.open(None)
        # the raw table: created through a second persistence, then used only through the raw pool
        creator = self.persistence_class()
        creator.configure(self.config(self.raw_table, 1))
        await creator.open(None)
        await creator.close(None)
        self.raw = self.raw_pool(pool_size)
        # --control: "ours" is a second raw pool on the persistence's table (the method's noise and bias)
        self.control = self.raw_pool(pool_size) if control else None

    def raw_pool(self, pool_size: int) -> adbapi.ConnectionPool:
        return adbapi.ConnectionPool(self.driver, cp_min=pool_size, cp_max=pool_size, cp_noisy=False, **self.connect)

    def statements(self, table: str) -> tuple[str, str]:
        """The INSERT and the SELECT by id the persistence runs, on C{table}."""
        q = self.quote
        insert = f"INSERT INTO {q}{table}{q} ({q}id{q}, {q}data{q}) VALUES (%s, %s){self.insert_suffix}"
        return insert, f"SELECT {q}data{q} FROM {q}{table}{q} WHERE {q}id{q} = %s"

    async def clear(self) -> None:
        await self.persistence.clear(None)
        await self.raw.runOperation(f"DELETE FROM {self.quote}{self.raw_table}{self.quote}")

    async def teardown(self) -> None:
        for table in (self.table, self.raw_table):
            await self.raw.runOperation(f"DROP TABLE IF EXISTS {self.quote}{table}{self.quote}")
        await self.persistence.close(None)
        self.raw.close()
        if self.control is not None:
            self.control.close()

    # -- the work -----------------------------------------------------------------

    def persistence_write(self, round_: int) -> Callable[[int], Awaitable[Any]]:
        if self.control is not None:
            return self.raw_write(round_, self.control, self.table)

        async def call(i: int) -> None:
            await self.persistence.create(None, dict(ITEM, id=f"{round_}-{i}"))

        return call

    def persistence_read(self, round_: int) -> Callable[[int], Awaitable[Any]]:
        if self.control is not None:
            return self.raw_read(round_, self.control, self.table)

        async def call(i: int) -> None:
            item = await self.persistence.get_one_by_id(None, f"{round_}-{i}")
            assert item["udi"] == "00001"

        return call

    def raw_write(
        self, round_: int, pool: adbapi.ConnectionPool | None = None, table: str = ""
    ) -> Callable[[int], Awaitable[Any]]:
        pool = pool or self.raw
        insert_sql, _ = self.statements(table or self.raw_table)

        def insert(cursor: Any, key: str, text: str) -> None:
            cursor.execute(insert_sql, (key, text))
            assert cursor.rowcount == 1

        async def call(i: int) -> None:
            item = dict(ITEM, id=f"{round_}-{i}")
            await pool.runInteraction(insert, item["id"], encode(item))

        return call

    def raw_read(
        self, round_: int, pool: adbapi.ConnectionPool | None = None, table: str = ""
    ) -> Callable[[int], Awaitable[Any]]:
        pool = pool or self.raw
        _, select_sql = self.statements(table or self.raw_table)

        async def call(i: int) -> None:
            rows = await pool.runQuery(select_sql, (f"{round_}-{i}",))
            item = json.loads(rows[0][0]) if self.decode else rows[0][0]
            assert item["udi"] == "00001"

        return call


class Side:
    """The calls, seconds and CPU seconds of one side in one phase of one round."""

    def __init__(self) -> None:
        self.calls, self.seconds, self.cpu = 0, 0.0, 0.0

    async def run(self, indexes: range, concurrency: int, call: Callable[[int], Awaitable[Any]]) -> None:
        cpu = time.process_time()
        self.seconds += await run_concurrently(len(indexes), concurrency, lambda i: call(indexes[i]))
        self.cpu += time.process_time() - cpu
        self.calls += len(indexes)

    @property
    def rate(self) -> float:
        return self.calls / self.seconds

    @property
    def cpu_us(self) -> float:
        return self.cpu / self.calls * 1e6


async def phase(
    n: int, slices: int, concurrency: int, ours: Callable[[int], Awaitable[Any]], raw: Callable[[int], Awaitable[Any]]
) -> tuple[Side, Side]:
    """Runs the N calls of each side in slices, ABBA order."""
    sides = (Side(), Side())
    calls = (ours, raw)
    bounds = [n * k // slices for k in range(slices + 1)]
    for k in range(slices):
        indexes = range(bounds[k], bounds[k + 1])
        order = (0, 1) if k % 2 == 0 else (1, 0)
        for which in order:
            await sides[which].run(indexes, concurrency, calls[which])
    return sides


def summary(label: str, rounds: list[tuple[Side, Side]]) -> str:
    rate_ratio = statistics.median(ours.rate / raw.rate for ours, raw in rounds)
    cpu_ratio = statistics.median(raw.cpu_us / ours.cpu_us for ours, raw in rounds)
    ours_rate = statistics.median(ours.rate for ours, _ in rounds)
    raw_rate = statistics.median(raw.rate for _, raw in rounds)
    ours_cpu = statistics.median(ours.cpu_us for ours, _ in rounds)
    raw_cpu = statistics.median(raw.cpu_us for _, raw in rounds)
    return (
        f"  {label:<6} {ours_rate:>6.0f}/s vs raw {raw_rate:>6.0f}/s  ratio {rate_ratio:4.2f}"
        f"   CPU {ours_cpu:5.0f} us/call vs raw {raw_cpu:5.0f}  ratio {cpu_ratio:4.2f}"
    )


async def bench(backend: Backend, args: argparse.Namespace, deadline: float) -> None:
    await backend.setup(args.pool_size, args.control)
    try:
        writes: list[tuple[Side, Side]] = []
        reads: list[tuple[Side, Side]] = []
        warm = min(200, args.n)
        await phase(warm, 2, args.concurrency, backend.persistence_write(-1), backend.raw_write(-1))
        await phase(warm, 2, args.concurrency, backend.persistence_read(-1), backend.raw_read(-1))
        for round_ in range(args.rounds):
            if time.monotonic() > deadline:
                break
            await backend.clear()
            writes.append(
                await phase(
                    args.n, args.slices, args.concurrency, backend.persistence_write(round_), backend.raw_write(round_)
                )
            )
            reads.append(
                await phase(
                    args.n, args.slices, args.concurrency, backend.persistence_read(round_), backend.raw_read(round_)
                )
            )
        ours = "raw (control)" if args.control else "ours"
        print(f"{backend.name} ({len(writes)} rounds; ratios: {ours}/raw throughput, raw/{ours} CPU per call)")
        print(summary("writes", writes))
        print(summary("reads", reads))
    finally:
        await backend.teardown()


async def main(reactor: Any, args: argparse.Namespace) -> None:
    deadline = time.monotonic() + args.budget
    print(
        f"N={args.n} creates then N reads by id per round in {args.slices} ABBA slices, "
        f"concurrency {args.concurrency}, pool size {args.pool_size}, medians of up to {args.rounds} rounds"
    )
    backends = []
    if "postgres" in args.servers and listening(5432):
        backends.append(
            Backend(
                "PostgreSQL",
                5432,
                IdentifiablePostgresPersistence,
                "psycopg2",
                {
                    "host": HOST,
                    "port": 5432,
                    "user": "postgres",
                    "dbname": "test",
                    "connect_timeout": CONNECT_TIMEOUT_S,
                    "application_name": "bench_sql",
                },
                '"',
                False,  # psycopg2 decodes JSONB itself, for both sides
                ' ON CONFLICT ("id") DO NOTHING',
            )
        )
    if "mariadb" in args.servers and listening(3306):
        from pymysql.constants import CLIENT

        backends.append(
            Backend(
                "MariaDB",
                3306,
                IdentifiableMySqlPersistence,
                "pymysql",
                {
                    "host": HOST,
                    "port": 3306,
                    "user": "root",
                    "password": "",
                    "database": "test",
                    "charset": "utf8mb4",
                    "autocommit": False,
                    "client_flag": CLIENT.FOUND_ROWS,
                    "connect_timeout": CONNECT_TIMEOUT_S,
                },
                "`",
                True,
                "",
            )
        )
    for index, backend in enumerate(backends):
        share = deadline - (args.budget / len(backends)) * (len(backends) - index - 1)
        await bench(backend, args, share)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--slices", type=int, default=8, help="ABBA slices per phase (even)")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--pool-size", type=int, default=5)
    parser.add_argument("--control", action="store_true", help="raw against raw: what the method reads as a gap")
    parser.add_argument("--servers", default="postgres,mariadb", help="which of postgres,mariadb to measure")
    parser.add_argument("--budget", type=float, default=80.0, help="seconds before rounds stop being started")
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, parser.parse_args())))
