"""
The seneca benchmark without sockets: the same raw HTTP/1.1 request bytes
fed on one keep-alive connection (a StringTransport) to the raw resource's
site; to that raw resource on the site of an open HttpEndpoint (what the
seneca endpoint is built on); to an open seneca endpoint whose router runs
the same lookup as a bare handler (the seneca wire and pattern lookup, no
service); and to the seneca endpoints of C{benchmarks/beacons_seneca.yml}
built in-process (lookup controller, and the beacons stack), interleaved in
rounds, the order rotated each round. It counts CPU time per act only, so
its same-round ratios hold on a shared machine; C{--profile N} prints where
the lookup transport's time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import time
from typing import Any, Callable

from twisted.internet import defer, task
from twisted.internet.testing import StringTransport
from twisted.web.server import Site

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.seneca import SenecaEndpoint
from pipservices_tx.services import HttpEndpoint

from .baselines.fixtures import make_beacons
from .baselines.raw_seneca import ActResource, _QuietSite

RAW, ON_ENDPOINT, ROUTER = "twisted.web (raw)", "raw on an HttpEndpoint", "seneca router, bare handler"
TRANSPORT, STACK = "seneca, lookup controller", "seneca, beacons stack"
LOOPBACK = ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 0)


def request(body: dict[str, Any]) -> bytes:
    data = json.dumps(body).encode()
    return (f"POST /act HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n").encode() + data


def driver(site: Site, data: bytes) -> Callable[[int], float]:
    """C{run(n)}: CPU seconds to answer C{n} acts on one keep-alive connection."""
    protocol = site.buildProtocol(None)
    transport = StringTransport()
    protocol.makeConnection(transport)

    def run(n: int) -> float:
        started = time.process_time()
        for _ in range(n):
            protocol.dataReceived(data)
            answer = transport.value()
            if not answer.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(f"not answered: {answer[:300]!r}")
            transport.clear()
        return time.process_time() - started

    return run


async def seneca_site(reactor: Any, lookup: bool, items: int) -> tuple[Container, Site]:
    container = Container(reactor=reactor)
    parameters = ConfigParams.from_tuples("SENECA_PORT", 0, "ITEMS", items, *(("LOOKUP", "true") if lookup else ()))
    container.read_config_from_file("benchmarks/beacons_seneca.yml", parameters)
    await container.open(None)
    for component in container.components:
        if isinstance(component, SenecaEndpoint):
            return container, component.site
    raise RuntimeError("no seneca endpoint in benchmarks/beacons_seneca.yml")


async def main(reactor: Any, args: argparse.Namespace) -> None:
    from .bench_seneca import ACTS

    lookup, lookup_site = await seneca_site(reactor, True, args.items)
    stack, stack_site = await seneca_site(reactor, False, args.items)
    resource = ActResource(make_beacons(args.items))
    endpoint, bare = HttpEndpoint(), SenecaEndpoint()
    endpoint.site.resource = resource
    bare.router.actions.add({"role": "beacons", "cmd": "get_beacon_by_id"},
                            lambda act: resource.get_by_id(act.message))
    bare.router.actions.add({"role": "beacons", "cmd": "get_beacons"}, lambda act: resource.get_page(act.message))
    for opened in (endpoint, bare):
        opened.set_reactor(reactor)
        opened.configure(LOOPBACK)
        await opened.open(None)
    sites = {RAW: _QuietSite(resource, parsePOSTFormSubmission=False), ON_ENDPOINT: endpoint.site,
             ROUTER: bare.site, TRANSPORT: lookup_site, STACK: stack_site}
    try:
        print(f"in-process: {args.n} acts per server and round, {args.rounds} rounds, CPU time; "
              f"ratio = raw µs / ours µs in the same round, and against the raw resource on an HttpEndpoint")
        for act, body in ACTS.items():
            data = request(body)
            runs = {name: driver(site, data) for name, site in sites.items()}
            for run in runs.values():
                run(min(300, args.n))  # warm-up
            cost: dict[str, list[float]] = {name: [] for name in runs}
            for number in range(args.rounds):
                names = list(runs)
                shift = number % len(names)
                for name in names[shift:] + names[:shift]:
                    cost[name].append(runs[name](args.n) / args.n * 1e6)
            print(f"  {act:17} {'server':28} {'CPU µs/act':>10} {'ratio':>6} {'vs raw on HttpEndpoint':>23}")
            for name in sites:
                ratio = statistics.median(r / o for r, o in zip(cost[RAW], cost[name], strict=True))
                layer = statistics.median(e / o for e, o in zip(cost[ON_ENDPOINT], cost[name], strict=True))
                print(f"  {act:17} {name:28} {statistics.median(cost[name]):10.1f} {ratio:6.2f} {layer:23.2f}")
            if args.profile:
                profile = cProfile.Profile()
                profile.runcall(runs[TRANSPORT], args.n)
                pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    finally:
        for component in (lookup, stack, endpoint, bare):
            await component.close(None)


def run_inprocess(args: argparse.Namespace) -> int:
    if args.smoke:
        args.rounds, args.n = 1, 200
    elif args.rounds == 5 and args.seconds == 3.0:
        args.rounds = 11
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, args)))
    return 0
