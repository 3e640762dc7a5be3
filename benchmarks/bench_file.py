"""
IdentifiableFilePersistence against a raw JSON file doing the same work.

Writes: each round creates N records in bursts of B concurrent creates into an
empty file. The persistence acknowledges every create after its change is
durably appended to the log (one write + fsync per batch, on its worker
thread), folding the log into the file when it outgrows it. Two raw
baselines with the same durability, inline: "rewrite" adds the burst to a dict
and does json.dumps + write + fsync + rename + directory fsync of the whole
file per burst (what the persistence did before it had a log); "append"
writes the burst as JSON lines to a log and fsyncs it.
Large store: the time to acknowledge one small create in a store of
C{--large} records, and the longest stall of the reactor meanwhile (a 1 ms
timer's lateness), against the raw rewrite of that file.
Reads: N get_one_by_id on the N records (the persistence returns a copy
through a Deferred; the raw baseline is a dict lookup). Rates are records/s,
medians of the rounds, ratio = persistence / raw (median of per-round ratios).
Stops early to stay under C{--budget} seconds.

    python benchmarks/bench_file.py [--n 2000] [--burst 50] [--rounds 5] [--budget 25]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from typing import Any, Callable

from twisted.internet import defer, task

from pipservices_tx.persistence import IdentifiableFilePersistence, JsonFilePersister


def record(number: int) -> dict[str, Any]:
    return {"id": f"b{number}", "site_id": str(number % 10), "udi": f"{number:05d}", "label": f"Beacon{number}",
            "center": {"type": "Point", "coordinates": [number % 180, number % 90]}, "radius": 50.0}


def raw_save(path: str, items: dict[str, Any]) -> None:
    """What the persister does per save, written out inline."""
    directory = os.path.dirname(path)
    temp = path + ".tmp"
    with open(temp, "wb") as stream:
        stream.write(json.dumps(list(items.values()), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temp, path)
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


async def persistence_round(directory: str, n: int, burst: int) -> tuple[float, float, float]:
    """(writes/s, reads/s, saves per burst) of the persistence."""
    path = os.path.join(directory, "persistence.json")
    persister = CountingPersister(path)
    persister.compact_after_bytes = 1 << 30  # the rounds measure appends; the large store, compaction
    persistence = IdentifiableFilePersistence(persister)
    await persistence.open(None)
    try:
        started = time.perf_counter()
        for first in range(0, n, burst):
            await defer.gatherResults([persistence.create(None, record(i)) for i in range(first, min(n, first + burst))])
        writes = n / (time.perf_counter() - started)
        started = time.perf_counter()
        for i in range(n):
            item = await persistence.get_one_by_id(None, f"b{i}")
            assert item is not None
        reads = n / (time.perf_counter() - started)
    finally:
        await persistence.close(None)
    with open(path) as stream:
        assert len(json.load(stream)) == n
    os.unlink(path)
    return writes, reads, persister.saves / -(-n // burst)


def raw_append_round(directory: str, n: int, burst: int) -> float:
    """writes/s of a raw dict + JSON-lines log, fsynced per burst."""
    path = os.path.join(directory, "raw.log")
    items: dict[str, Any] = {}
    started = time.perf_counter()
    with open(path, "ab") as stream:
        for first in range(0, n, burst):
            lines = []
            for i in range(first, min(n, first + burst)):
                item = record(i)
                items[item["id"]] = item
                lines.append(json.dumps({"put": item}, ensure_ascii=False, separators=(",", ":")))
            stream.write(("\n".join(lines) + "\n").encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
    writes = n / (time.perf_counter() - started)
    os.unlink(path)
    return writes


async def large_store(reactor: Any, directory: str, count: int) -> tuple[float, float, float]:
    """(seconds to acknowledge one create, longest reactor stall meanwhile, seconds of a raw rewrite)."""
    path = os.path.join(directory, "large.json")
    items = {f"b{i}": record(i) for i in range(count)}
    raw_save(path, items)
    persistence = IdentifiableFilePersistence(path=path)
    await persistence.open(None)
    stalls = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        stalls[0] = max(stalls[0], now - last[0] - 0.001)
        last[0] = now

    loop = task.LoopingCall(tick)
    loop.clock = reactor
    loop.start(0.001)
    try:
        started = time.perf_counter()
        await persistence.create(None, record(count + 1))
        acknowledged = time.perf_counter() - started
        await task.deferLater(reactor, 0.01, lambda: None)
    finally:
        loop.stop()
        await persistence.close(None)
    items[f"b{count + 1}"] = record(count + 1)
    started = time.perf_counter()
    raw_save(path, items)
    rewrite = time.perf_counter() - started
    os.unlink(path)
    return acknowledged, stalls[0], rewrite


def raw_round(directory: str, n: int, burst: int) -> tuple[float, float]:
    """(writes/s, reads/s) of the raw dict + JSON file."""
    path = os.path.join(directory, "raw.json")
    items: dict[str, Any] = {}
    started = time.perf_counter()
    for first in range(0, n, burst):
        for i in range(first, min(n, first + burst)):
            item = record(i)
            items[item["id"]] = item
        raw_save(path, items)
    writes = n / (time.perf_counter() - started)
    started = time.perf_counter()
    for i in range(n):
        assert items.get(f"b{i}") is not None
    reads = n / (time.perf_counter() - started)
    os.unlink(path)
    return writes, reads


class CountingPersister(JsonFilePersister):
    saves = 0

    def save(self, correlation_id: Any, items: Any) -> Any:
        self.saves += 1
        return super().save(correlation_id, items)

    def append(self, correlation_id: Any, *args: Any) -> Any:
        self.saves += 1
        return super().append(correlation_id, *args)


def report(name: str, wrapped: list[float], raw: list[float], baseline: str) -> None:
    ratio = statistics.median(w / r for w, r in zip(wrapped, raw, strict=True))
    print(f"{name:<8} persistence {statistics.median(wrapped):>10.0f}/s   raw {baseline:<8}"
          f"{statistics.median(raw):>10.0f}/s   ratio {ratio:6.3f}   ({len(raw)} rounds)")


async def main(reactor: Any, args: argparse.Namespace) -> None:
    deadline = time.monotonic() + args.budget
    directory = tempfile.mkdtemp(prefix="bench_file_", dir=args.dir)
    print(f"N={args.n} records per round in bursts of {args.burst}, median of up to {args.rounds} rounds, in {directory}")
    results: dict[str, list[float]] = {"pw": [], "pr": [], "rw": [], "rr": [], "ra": [], "saves": []}
    try:
        await persistence_round(directory, min(args.n, 200), args.burst)  # warm up both
        raw_round(directory, min(args.n, 200), args.burst)
        for _ in range(args.rounds):
            if time.monotonic() > deadline:
                break
            pw, pr, saves = await persistence_round(directory, args.n, args.burst)
            rw, rr = raw_round(directory, args.n, args.burst)
            ra = raw_append_round(directory, args.n, args.burst)
            for key, value in (("pw", pw), ("pr", pr), ("rw", rw), ("rr", rr), ("ra", ra), ("saves", saves)):
                results[key].append(value)
        large = await large_store(reactor, directory, args.large) if args.large else None
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    report("writes", results["pw"], results["rw"], "rewrite")
    report("writes", results["pw"], results["ra"], "append")
    report("reads", results["pr"], results["rr"], "dict")
    print(f"writes to disk per burst: persistence {statistics.median(results['saves']):.2f}, raw 1.00")
    if large is not None:
        acknowledged, stall, rewrite = large
        print(f"one create in a store of {args.large} records: acknowledged in {acknowledged * 1000:.1f} ms "
              f"(longest reactor stall {stall * 1000:.1f} ms); a raw rewrite of the file takes {rewrite * 1000:.0f} ms")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1] if __doc__ else None)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--burst", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=25.0, help="seconds")
    parser.add_argument("--large", type=int, default=100_000, help="records of the large store (0: skip)")
    parser.add_argument("--dir", default=None, help="where the files go (default: the system temp dir)")
    return parser.parse_args(argv)


def run(argv: list[str]) -> None:
    args = parse(argv)
    react: Callable[..., Any] = task.react
    react(lambda reactor: defer.ensureDeferred(main(reactor, args)))


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
