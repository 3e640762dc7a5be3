"""
Password guessing against basic auth while a probe measures /health/live.
The beacons service requires basic auth (one user, a PBKDF2 hash of the
default work, ~0.2 s a check); 4 and then 24 clients guess passwords as
fast as they are answered, first with the default throttle, then with it
off (only the hash pool protects the reactor). Properties: the probe's p99
stays under 50 ms, every guess is refused (401, 429 or 503, never 200 or
500), and refusing an unknown user takes as long as a known one.

    python -m benchmarks.drills.auth_guessing [--seconds 8]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import collections
import statistics
import time

from pipservices_tx.services import hash_password

from ._aio_http import read_answer
from ._common import Twistd, Verdict, beacons_config

GET_BEACON = b'{"id": "1"}'
# The beacons service's entry names its controller; the authorizer goes beside it.
CONTROLLER = '    controller: "beacons:controller:*:*:1.0"\n'
AUTHORIZER = '''
- descriptor: "pip-services:authorizer:basic:default:1.0"
  users:
    admin:
      password_hash: "{hash}"
      roles: admin
  throttle: {{failures: {failures}, user_failures: {user_failures}}}
'''


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]


async def _call(port: int, path: str, authorization: str = "", timeout: float = 30.0,
                body: bytes = b"") -> tuple[int, float]:
    began = time.monotonic()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return -1, time.monotonic() - began
    head = f"{'POST' if body else 'GET'} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    if authorization:
        head += f"Authorization: {authorization}\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    writer.write(head.encode() + b"\r\n" + body)
    answer = await read_answer(reader, timeout)
    writer.close()
    return (answer.status if answer.outcome == "complete" else -2), time.monotonic() - began


def _basic(name: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()


async def _round(port: int, guessers: int, seconds: float) -> tuple[list[float], collections.Counter[int]]:
    stop = asyncio.Event()
    statuses: collections.Counter[int] = collections.Counter()
    probes: list[float] = []

    async def guesser(n: int) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            name = "admin" if i % 2 else f"user-{n}-{i}"
            status, _ = await _call(port, "/v1/beacons/get_beacon_by_id", _basic(name, f"guess-{n}-{i}"),
                                     body=GET_BEACON)
            statuses[status] += 1

    async def probe() -> None:
        while not stop.is_set():
            status, seconds_taken = await _call(port, "/health/live")
            if status == 200:
                probes.append(seconds_taken)
            await asyncio.sleep(0.02)

    tasks = [asyncio.ensure_future(guesser(n)) for n in range(guessers)] + [asyncio.ensure_future(probe())]
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.gather(*tasks)
    return probes, statuses


async def _refusal_times(port: int, samples: int = 6) -> tuple[float, float]:
    """Median seconds to refuse a known and an unknown user, one request at a time, new passwords each."""
    known, unknown = [], []
    for i in range(samples):
        known.append((await _call(port, "/v1/beacons/get_beacon_by_id", _basic("admin", f"k{i}"), body=GET_BEACON))[1])
        unknown.append((await _call(port, "/v1/beacons/get_beacon_by_id", _basic(f"nobody{i}", f"u{i}"), body=GET_BEACON))[1])
    return statistics.median(known), statistics.median(unknown)


def drill(seconds: float, verdict: Verdict) -> None:
    encoded = hash_password("the-real-password")
    for label, failures, user_failures in (("default throttle", 10, 20), ("throttle off", 0, 0)):
        config = beacons_config(
            replace={CONTROLLER: CONTROLLER + '    authorizer: "pip-services:authorizer:basic:default:1.0"\n'},
            extra=AUTHORIZER.format(hash=encoded, failures=failures, user_failures=user_failures))
        server = Twistd(config, "LOG_LEVEL=warn").start()
        try:
            quiet = asyncio.run(_round(server.port, 0, 2.0))[0]
            verdict.figure(f"[{label}] /health/live alone p50 / p99, ms",
                           f"{statistics.median(quiet) * 1000:.1f} / {_percentile(quiet, 0.99) * 1000:.1f}")
            if failures == 0:
                known, unknown = asyncio.run(_refusal_times(server.port))
                verdict.figure(f"[{label}] refusing a known / an unknown user, median ms",
                               f"{known * 1000:.0f} / {unknown * 1000:.0f}")
                verdict.require(abs(known - unknown) < max(known, unknown) / 3,
                                f"[{label}] unknown users take as long to refuse as known ones")
            for guessers in (4, 24):
                probes, statuses = asyncio.run(_round(server.port, guessers, seconds))
                p99 = _percentile(probes, 0.99)
                verdict.figure(f"[{label}] {guessers} guessers: guesses answered by status",
                               dict(sorted(statuses.items())))
                verdict.figure(f"[{label}] {guessers} guessers: /health/live p50 / p99 / max, ms (n)",
                               f"{statistics.median(probes) * 1000:.1f} / {p99 * 1000:.1f} / "
                               f"{max(probes) * 1000:.1f} ({len(probes)})")
                verdict.require(p99 < 0.05, f"[{label}] {guessers} guessers: probe p99 under 50 ms")
                verdict.require(set(statuses) <= {401, 429, 503},
                                f"[{label}] {guessers} guessers: every guess refused (401, 429 or 503)")
            verdict.require(server.alive(), f"[{label}] the service is still up")
        finally:
            server.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    verdict = Verdict("auth_guessing")
    drill(args.seconds, verdict)
    verdict.finish()


if __name__ == "__main__":
    main()
