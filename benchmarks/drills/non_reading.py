"""
Clients that never read: 50 connections each pipeline 20 get_beacons of
about 1 MB and read nothing, while a probe calls /heartbeat on new
connections. Properties: the server's memory stays bounded (it holds about
one answer per connection, not twenty), /heartbeat stays fast, and the
service answers normally once they are gone.

    python -m benchmarks.drills.non_reading [--connections 50] [--pipelined 20] [--hold-seconds 10]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import time

from ._common import Twistd, Verdict, beacons_config, http, rss_kib

BEACONS = 100
LABEL_BYTES = 10_000  # 100 beacons of ~10 KB: a page of 100 is ~1 MB
#: Seconds in which the server makes the first answer of every connection (real work, ~10 ms each).
BURST_SECONDS = 3.0


def _seed(port: int) -> int:
    for n in range(BEACONS):
        beacon = {"id": f"big-{n}", "site_id": "big", "udi": f"b{n}", "label": "x" * LABEL_BYTES,
                  "center": {"type": "Point", "coordinates": [n, n]}, "radius": 10}
        status, _ = http(port, "POST", "/v1/beacons/create_beacon", json.dumps({"beacon": beacon}).encode())
        assert status == 200, status
    _, body = http(port, "POST", "/v1/beacons/get_beacons", b'{"filter": {"site_id": "big"}, "paging": {"take": 100}}')
    return len(body)


def _probe(port: int) -> float:
    began = time.monotonic()
    status, _ = http(port, "GET", "/heartbeat", timeout=60)
    assert status == 200, status
    return time.monotonic() - began


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]


def drill(server: Twistd, connections: int, pipelined: int, hold_seconds: float, verdict: Verdict) -> None:
    page = _seed(server.port)
    before = rss_kib(server.pid)
    quiet = [_probe(server.port) for _ in range(20)]
    body = b'{"filter": {"site_id": "big"}, "paging": {"take": 100}}'
    request = (b"POST /v1/beacons/get_beacons HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               b"Content-Length: %d\r\n\r\n" % len(body)) + body
    sockets = []
    for _ in range(connections):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a client that reads nothing, and buffers little
        s.connect(("127.0.0.1", server.port))
        s.sendall(request * pipelined)
        sockets.append(s)
    peak = before
    probes: list[tuple[float, float]] = []  # (seconds since the clients sent, latency)
    began = time.monotonic()
    while time.monotonic() < began + hold_seconds:
        sent = time.monotonic() - began
        probes.append((sent, _probe(server.port)))
        peak = max(peak, rss_kib(server.pid))
        time.sleep(0.05)
    burst = [latency for sent, latency in probes if sent < BURST_SECONDS]
    steady = [latency for sent, latency in probes if sent >= BURST_SECONDS]
    for s in sockets:
        s.close()
    time.sleep(1.0)
    after_close = rss_kib(server.pid)
    status, _ = http(server.port, "POST", "/v1/beacons/get_beacons", body)

    requested_mib = connections * pipelined * page / (1 << 20)
    growth_mib = (peak - before) / 1024
    verdict.figure("answers asked for and never read", f"{connections} x {pipelined} x {page / (1 << 20):.2f} MiB "
                   f"= {requested_mib:,.0f} MiB")
    verdict.figure("RSS before / peak / 1 s after the clients left, MiB",
                   f"{before / 1024:.0f} / {peak / 1024:.0f} / {after_close / 1024:.0f}")
    verdict.figure("RSS growth at peak, MiB", f"{growth_mib:.0f}")
    verdict.figure("/heartbeat quiet p50 / p99, ms",
                   f"{statistics.median(quiet) * 1000:.1f} / {_percentile(quiet, 0.99) * 1000:.1f}")
    verdict.figure(f"/heartbeat in the first {BURST_SECONDS:g} s (the first answers are made), max, ms",
                   f"{max(burst) * 1000:.0f}")
    verdict.figure("/heartbeat afterwards, while they hold on, p50 / p99 / max, ms (n)",
                   f"{statistics.median(steady) * 1000:.1f} / {_percentile(steady, 0.99) * 1000:.1f} / "
                   f"{max(steady) * 1000:.1f} ({len(steady)})")
    verdict.require(growth_mib < max(requested_mib / 4, 64), "memory bounded: under a quarter of what was asked")
    verdict.require(_percentile(steady, 0.99) < 0.1, "/heartbeat p99 under 100 ms while they hold on")
    verdict.require(status == 200 and server.alive(), "the service answers normally afterwards")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--pipelined", type=int, default=20)
    parser.add_argument("--hold-seconds", type=float, default=10.0)
    args = parser.parse_args()
    if args.hold_seconds <= BURST_SECONDS + 1:
        parser.error(f"--hold-seconds must be over {BURST_SECONDS + 1:g}")
    verdict = Verdict("non_reading")
    server = Twistd(beacons_config(), "LOG_LEVEL=warn").start()
    try:
        drill(server, args.connections, args.pipelined, args.hold_seconds, verdict)
    finally:
        server.kill()
    verdict.finish()


if __name__ == "__main__":
    main()
