"""
IdentifiableMongoDbPersistence against raw txmongo doing the same operations.

1. Against a real MongoDB named by C{MONGO_URI} (skipped when it is not set):
   writes/s (C{create} vs C{insert_one}) and reads/s (C{get_one_by_id} vs
   C{find_one}), C{--concurrency} calls in flight, median of the rounds.
2. Against a MockupDB autoresponder in a child process (always): the per-call time of a page
   read (filter, sort, skip/limit, 10 documents back) and of a create, one
   call at a time, persistence vs raw txmongo, median of the rounds and the
   ratio. Both sides pay the same mock server; the difference is the
   persistence's own Python work.
3. That Python work alone, without I/O: composing the query, sort,
   projection and paging, and converting the 10 documents (C{_id} -> C{id}).

    python benchmarks/bench_mongodb.py [--n 300] [--rounds 5] [--budget 25]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import time
import timeit
from typing import Any, Awaitable, Callable

from twisted.internet import defer, task

try:
    from ._concurrency import run_concurrently
except ImportError:  # run as a script: python benchmarks/bench_mongodb.py
    from _concurrency import run_concurrently  # type: ignore[no-redef]

from pipservices_tx.config import ConfigParams
from pipservices_tx.data import FilterParams, PagingParams, SortParams
from pipservices_tx.discovery import parse_uri
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence
from pipservices_tx.persistence.mongodb._query import projection_document, sort_document, to_public

DOCUMENTS = [
    {"_id": str(n), "site_id": "1", "udi": f"{n:05}", "label": f"TestBeacon{n}",
     "center": {"type": "Point", "coordinates": [n, n]}, "radius": 50}
    for n in range(10)
]
ITEM = {"site_id": "1", "udi": "00001", "label": "TestBeacon1", "center": {"type": "Point", "coordinates": [0, 0]}, "radius": 50}


async def compare(
    name: str, unit: str, args: argparse.Namespace, deadline: float, concurrency: int,
    wrapped: Callable[[int], Awaitable[Any]], raw: Callable[[int], Awaitable[Any]],
) -> None:
    """Prints the median of C{wrapped} and C{raw} (interleaved rounds) and their ratio."""
    await run_concurrently(min(50, args.n), concurrency, wrapped)  # warm up both
    await run_concurrently(min(50, args.n), concurrency, raw)
    ours, theirs = [], []
    for _ in range(args.rounds):
        if time.monotonic() > deadline:
            break
        ours.append(await run_concurrently(args.n, concurrency, wrapped))
        theirs.append(await run_concurrently(args.n, concurrency, raw))
    w, r = statistics.median(ours), statistics.median(theirs)
    if unit == "us/call":
        print(f"{name:<34} {w / args.n * 1e6:>8.0f} us/call  raw {r / args.n * 1e6:>8.0f} us/call"
              f"  persistence/raw {w / r:5.2f}  ({len(ours)} rounds)")
    else:
        print(f"{name:<34} {args.n / w:>8.0f} {unit}  raw {args.n / r:>8.0f} {unit}"
              f"  persistence/raw {r / w:5.2f}  ({len(ours)} rounds)")


def persistence_config(uri: str) -> ConfigParams:
    config = ConfigParams({"connection.uri": uri, "collection": "bench", "options.max_pool_size": 4})
    if not parse_uri(uri, "mongodb", 27017).get("database"):
        config["connection.database"] = "pipservices_tx_bench"
    return config


async def bench_real(args: argparse.Namespace, deadline: float) -> None:
    uri = os.environ.get("MONGO_URI", "").strip()
    if not uri:
        print("real MongoDB: skipped: MONGO_URI not set")
        return
    from txmongo.connection import ConnectionPool

    persistence = IdentifiableMongoDbPersistence()
    config = persistence_config(uri)
    persistence.configure(config)
    await persistence.open(None)
    pool = ConnectionPool(uri, pool_size=4)
    raw = pool[config.get_as_string("connection.database") or parse_uri(uri).get("database") or ""]["bench_raw"]
    try:
        await persistence.clear(None)
        await raw.delete_many({})
        ours, theirs = itertools.count(), itertools.count()  # ids 0..49 exist on both sides after the warm-up
        await compare("writes: create vs insert_one", "writes/s", args, deadline, args.concurrency,
                      lambda i: persistence.create(None, dict(ITEM, id=str(next(ours)))),
                      lambda i: raw.insert_one(dict(ITEM, _id=str(next(theirs)))))
        await compare("reads: get_one_by_id vs find_one", "reads/s", args, deadline, args.concurrency,
                      lambda i: persistence.get_one_by_id(None, str(i % 50)),
                      lambda i: raw.find_one({"_id": str(i % 50)}))
    finally:
        await persistence.clear(None)
        await raw.delete_many({})
        await persistence.close(None)
        await pool.disconnect()


#: A MockupDB autoresponder in its own process (so its threads do not share our GIL).
MOCK_SERVER = """
import sys
from mockupdb import MockupDB
documents = %r

def answer(request):
    name = request.command_name
    if name in ("ismaster", "isMaster", "hello"):
        return False
    if name == "find":
        return request.replies({"cursor": {"id": 0, "ns": "bench.items", "firstBatch": documents}})
    return request.replies({"n": 1} if name == "insert" else {})

server = MockupDB(auto_ismaster=True, max_wire_version=17)
server.run()
server.autoresponds(answer)
print(server.port, flush=True)
sys.stdin.read()
"""


def start_mock_server() -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen(
        [sys.executable, "-c", MOCK_SERVER % (DOCUMENTS,)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    return process, int(process.stdout.readline())


async def bench_mock(args: argparse.Namespace, deadline: float) -> None:
    from txmongo import filter as qf
    from txmongo.connection import ConnectionPool

    server, port = start_mock_server()
    uri = f"mongodb://127.0.0.1:{port}/bench"
    persistence = IdentifiableMongoDbPersistence("items")
    persistence.configure(ConfigParams({"connection.uri": uri, "options.max_pool_size": 1}))
    await persistence.open(None)
    pool = ConnectionPool(uri, pool_size=1)
    raw = pool["bench"]["items"]
    filter, paging, sort = FilterParams.from_tuples("site_id", "1"), PagingParams(0, 10), SortParams.from_string("label")
    try:
        print(f"mockupdb autoresponder, one call at a time, {args.n} calls a round")

        async def read_page(i: int) -> None:
            page = await persistence.get_page_by_filter(None, filter, paging, sort)
            assert len(page.data) == 10

        async def read_raw(i: int) -> None:
            documents = await raw.find({"site_id": "1"}, skip=0, limit=10, sort=qf.sort(qf.ASCENDING("label")))
            assert len(documents) == 10

        await compare("page of 10: persistence vs find", "us/call", args, deadline, 1, read_page, read_raw)
        await compare("create vs insert_one", "us/call", args, deadline, 1,
                      lambda i: persistence.create(None, dict(ITEM, id=str(i))),
                      lambda i: raw.insert_one(dict(ITEM, _id=str(i))))
    finally:
        await persistence.close(None)
        await pool.disconnect()
        server.communicate("", timeout=10)

    def overhead() -> None:
        query = persistence._query_for(filter)
        params = PagingParams.from_value(paging)
        params.get_skip(0), params.get_take(100)
        sort_document(sort), projection_document(None), query
        [to_public(document) for document in DOCUMENTS]

    rounds = [min(timeit.repeat(overhead, number=2000, repeat=3)) / 2000 for _ in range(args.rounds)]
    print(f"{'query building + 10 conversions':<34} {statistics.median(rounds) * 1e6:>8.1f} us/call (no I/O)")


async def main(reactor: Any, args: argparse.Namespace) -> None:
    deadline = time.monotonic() + args.budget
    await bench_real(args, deadline - args.budget / 2)
    await bench_mock(args, deadline)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--budget", type=float, default=25.0, help="seconds before rounds stop being started")
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, parser.parse_args())))
