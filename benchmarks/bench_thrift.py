"""
Throughput and server CPU of CommandableThriftService against a raw TTwisted server doing the same.

Two servers, each in its own subprocess on loopback, serve the generic
commandable.thrift: ours (ThriftEndpoint + CommandableThriftService, as a
config would make them) and a raw C{TTwisted.ThriftServerFactory} whose
handler does the same work by hand (parse the JSON arguments, run the
beacons controller's command, encode the JSON result). The same raw TTwisted
client calls C{get_beacon_by_id} on each, 16 calls in flight over 4
connections, in alternating rounds. Prints each round, the median
throughput ratio ours / raw (target >= 0.8) and the median ratio of the
servers' CPU time per call (raw / ours), read from /proc: the server's own
overhead even when the client is the bottleneck.

    python -m benchmarks.bench_thrift [--calls 4000] [--rounds 5] [--budget 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from typing import Any

CONCURRENCY = 16
CONNECTIONS = 4
ARGS = '{"id": "2"}'


def _controller() -> Any:
    from examples.beacons.data import FIXTURES
    from examples.beacons.logic import BeaconsController
    from examples.beacons.persistence import BeaconsMemoryPersistence
    from pipservices_tx.refer import Descriptor, References

    persistence = BeaconsMemoryPersistence()
    persistence.open(None)
    for item in FIXTURES:
        persistence.create(None, item)
    controller = BeaconsController()
    controller.set_references(References.from_tuples(
        Descriptor("beacons", "persistence", "memory", "default", "1.0"), persistence))
    return controller


def serve_ours() -> None:
    from twisted.internet import reactor

    from pipservices_tx.config import ConfigParams
    from pipservices_tx.refer import Descriptor, References
    from pipservices_tx.thrift import CommandableThriftService, ThriftEndpoint

    endpoint = ThriftEndpoint()
    endpoint.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 0))
    service = CommandableThriftService()
    service.configure(ConfigParams.from_tuples("dependencies.controller", "beacons:controller:*:*:1.0"))
    service.set_references(References.from_tuples(
        Descriptor("beacons", "controller", "default", "default", "1.0"), _controller(),
        Descriptor("pip-services", "endpoint", "thrift", "default", "1.0"), endpoint))
    endpoint.open(None)
    service.open(None)
    print(endpoint.port, flush=True)
    reactor.run()  # type: ignore[attr-defined]


def serve_raw() -> None:
    import json

    from thrift.protocol.TBinaryProtocol import TBinaryProtocolAcceleratedFactory
    from thrift.transport.TTwisted import ThriftServerFactory
    from twisted.internet import reactor
    from zope.interface import implementer

    from pipservices_tx.thrift._generated.commandable import Commandable
    from pipservices_tx.thrift._generated.commandable.ttypes import ErrorDescription

    commands = {command.name: command for command in _controller().get_command_set().commands}

    @implementer(Commandable.Iface)
    class Handler:
        def invoke(self, name: str, correlation_id: str, args_json: str) -> Any:
            d = commands[name].execute(correlation_id, json.loads(args_json or "{}"))
            return d.addCallbacks(lambda result: json.dumps(result, separators=(",", ":")),
                                  lambda failure: _raise(ErrorDescription(message=str(failure.value))))

    factory = ThriftServerFactory(Commandable.Processor(Handler()), TBinaryProtocolAcceleratedFactory())
    port: Any = reactor.listenTCP(0, factory, interface="127.0.0.1")  # type: ignore[attr-defined]
    print(port.getHost().port, flush=True)
    reactor.run()  # type: ignore[attr-defined]


def _raise(error: Exception) -> Any:
    raise error


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def connect(port: int) -> list[Any]:
    from thrift.protocol.TBinaryProtocol import TBinaryProtocolAcceleratedFactory
    from thrift.transport.TTwisted import ThriftClientProtocol
    from twisted.internet import reactor
    from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol

    from pipservices_tx.thrift._generated.commandable import Commandable

    clients = []
    for _ in range(CONNECTIONS):
        protocol = ThriftClientProtocol(Commandable.Client, TBinaryProtocolAcceleratedFactory())
        await connectProtocol(TCP4ClientEndpoint(reactor, "127.0.0.1", port), protocol)
        clients.append(await protocol.started)
    return clients


async def run_calls(clients: list[Any], calls: int, pid: int) -> tuple[float, float]:
    """Wall seconds and server CPU seconds for C{calls} calls, C{CONCURRENCY} in flight."""
    from twisted.internet import defer

    async def worker(first: int) -> None:
        client = clients[first % len(clients)]
        for _ in range(first, calls, CONCURRENCY):
            answer = await client.invoke("get_beacon_by_id", "bench", ARGS)
            assert '"udi":"00002"' in answer, answer

    cpu, started = cpu_seconds(pid), time.perf_counter()
    await defer.gatherResults([defer.ensureDeferred(worker(i)) for i in range(CONCURRENCY)], consumeErrors=True)
    return time.perf_counter() - started, cpu_seconds(pid) - cpu


async def bench(servers: dict[str, tuple[int, int]], calls: int, rounds: int, budget: float) -> None:
    clients = {name: await connect(port) for name, (port, _) in servers.items()}
    for name in servers:  # warm up
        await run_calls(clients[name], 500, servers[name][1])
    ratios, cpu_ratios = [], []
    started = time.perf_counter()
    print(f"{calls} calls of get_beacon_by_id a round, {CONCURRENCY} in flight on {CONNECTIONS} connections")
    for number in range(rounds):
        order = ("raw", "ours") if number % 2 == 0 else ("ours", "raw")
        results = {name: await run_calls(clients[name], calls, servers[name][1]) for name in order}
        (raw_time, raw_cpu), (our_time, our_cpu) = results["raw"], results["ours"]
        ratios.append(raw_time / our_time)
        cpu_ratios.append(raw_cpu / our_cpu if our_cpu else float("nan"))
        print(f"round {number + 1}: raw TTwisted {calls / raw_time:6.0f} calls/s {raw_cpu / calls * 1e6:5.0f} us "
              f"server CPU/call | ours {calls / our_time:6.0f} calls/s {our_cpu / calls * 1e6:5.0f} us server CPU/call"
              f" | ratio {ratios[-1]:.3f} (server CPU {cpu_ratios[-1]:.3f})")
        if time.perf_counter() - started > budget:
            print("time budget reached")
            break
    print(f"median throughput ratio (ours / raw TTwisted): {statistics.median(ratios):.3f}  (target >= 0.8)")
    print(f"median server CPU ratio (raw CPU / our CPU per call): {statistics.median(cpu_ratios):.3f}")
    for connections in clients.values():
        for client in connections:
            client._transport.func.__self__.transport.loseConnection()


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> None:
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=30.0, help="seconds after which no new round starts")
    parser.add_argument("--serve", choices=("ours", "raw"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve_ours() if options.serve == "ours" else serve_raw()
        return
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    processes = {name: subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve", name],
                                        stdout=subprocess.PIPE, text=True, env=env) for name in ("raw", "ours")}
    try:
        servers = {}
        for name, process in processes.items():
            assert process.stdout is not None
            servers[name] = (int(process.stdout.readline()), process.pid)
        from twisted.internet import defer, task

        task.react(lambda reactor: defer.ensureDeferred(bench(servers, options.calls, options.rounds, options.budget)))
    finally:
        for process in processes.values():
            process.terminate()
            process.wait(5)


if __name__ == "__main__":
    main()
