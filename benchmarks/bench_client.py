"""
Throughput of CommandableHttpClient against raw treq with a persistent pool.

Both make the same POSTs of a small JSON body to the same twisted.web server
(a subprocess on loopback, so the server's CPU is not the client's), 16 calls
in flight at a time, in alternating rounds; prints each round and the median
throughput ratio client / raw (the performance issue's target: >= 0.8),
and the ratio of the client process's CPU time per call, which measures the
client's own overhead even when the server is the bottleneck.

    python benchmarks/bench_client.py [--calls 2000] [--rounds 5] [--budget 25]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from typing import Any, Awaitable, Callable

SERVER = r"""
import json, sys
from twisted.internet import reactor
from twisted.web.resource import Resource
from twisted.web.server import Site

class Echo(Resource):
    isLeaf = True
    def render_POST(self, request):
        args = json.loads(request.content.read() or b"{}")
        request.setHeader(b"content-type", b"application/json")
        return json.dumps({"id": args.get("id"), "ok": True}).encode()

site = Site(Echo())
site.log = lambda request: None
port = reactor.listenTCP(0, site, interface="127.0.0.1")
print(port.getHost().port, flush=True)
reactor.run()
"""

CONCURRENCY = 16
PAYLOAD = {"id": "1", "site_id": "1", "udi": "00001", "label": "TestBeacon1",
           "center": {"type": "Point", "coordinates": [0, 0]}, "radius": 50}


async def run_calls(calls: int, call: Callable[[int], Awaitable[Any]]) -> tuple[float, float]:
    """Wall and client CPU seconds to make C{calls} calls, C{CONCURRENCY} at a time."""
    from twisted.internet import defer

    async def worker(first: int) -> None:
        for index in range(first, calls, CONCURRENCY):
            await call(index)

    started, cpu = time.perf_counter(), time.process_time()
    await defer.gatherResults([defer.ensureDeferred(worker(i)) for i in range(CONCURRENCY)], consumeErrors=True)
    return time.perf_counter() - started, time.process_time() - cpu


async def bench(port: int, calls: int, rounds: int, budget: float) -> None:
    import treq
    from twisted.internet import reactor
    from twisted.web.client import Agent, HTTPConnectionPool

    from pipservices_tx.clients import CommandableHttpClient
    from pipservices_tx.config import ConfigParams

    client = CommandableHttpClient("v1/bench")
    client.configure(ConfigParams.from_tuples(
        "connection.protocol", "http", "connection.host", "127.0.0.1", "connection.port", port,
        "options.max_connections", CONCURRENCY,
    ))
    await client.open(None)

    pool = HTTPConnectionPool(reactor, persistent=True)
    pool.maxPersistentPerHost = CONCURRENCY
    raw = treq.client.HTTPClient(Agent(reactor, pool=pool))
    url = f"http://127.0.0.1:{port}/v1/bench/echo"

    async def raw_call(index: int) -> Any:
        response = await raw.post(url, json=PAYLOAD, params={"correlation_id": "bench"})
        result = await response.json()
        assert result["ok"] is True
        return result

    async def client_call(index: int) -> Any:
        result = await client.call_command("echo", "bench", PAYLOAD)
        assert result["ok"] is True
        return result

    # Warm up: connections opened, code paths hot.
    await run_calls(200, raw_call)
    await run_calls(200, client_call)

    ratios, cpu_ratios = [], []
    started = time.perf_counter()
    print(f"{calls} POSTs a round, {CONCURRENCY} in flight, server in a subprocess on loopback")
    for number in range(rounds):
        if number % 2:
            client_time, client_cpu = await run_calls(calls, client_call)
            raw_time, raw_cpu = await run_calls(calls, raw_call)
        else:
            raw_time, raw_cpu = await run_calls(calls, raw_call)
            client_time, client_cpu = await run_calls(calls, client_call)
        ratios.append(raw_time / client_time)
        cpu_ratios.append(raw_cpu / client_cpu)
        print(f"round {number + 1}: raw treq {calls / raw_time:6.0f} calls/s {raw_cpu / calls * 1e6:5.0f} us CPU/call"
              f" | client {calls / client_time:6.0f} calls/s {client_cpu / calls * 1e6:5.0f} us CPU/call"
              f" | ratio {ratios[-1]:.3f} (CPU {cpu_ratios[-1]:.3f})")
        if time.perf_counter() - started > budget:
            print("time budget reached")
            break
    print(f"median throughput ratio (client / raw treq): {statistics.median(ratios):.3f}  (target >= 0.8)")
    print(f"median client-side CPU ratio (raw treq CPU / client CPU per call): {statistics.median(cpu_ratios):.3f}")
    await client.close(None)
    await pool.closeCachedConnections()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds after which no new round starts")
    options = parser.parse_args()
    server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        from twisted.internet import defer, task

        task.react(lambda reactor: defer.ensureDeferred(bench(port, options.calls, options.rounds, options.budget)))
    finally:
        server.terminate()
        server.wait(5)


if __name__ == "__main__":
    main()
