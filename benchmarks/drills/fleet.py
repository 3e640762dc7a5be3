"""
The fleet drill: etcd and three beacons instances on three hosts, the facade
(examples/beacons/facade.yml) and its load on a fourth, then three faults:

  1. one instance is killed with SIGKILL (then started again);
  2. one host's link is cut (then restored);
  3. all three instances are restarted one by one (SIGTERM, then started again).

The hosts are network namespaces joined by a bridge in a namespace of its
own, with addresses from 198.51.100.0/24 that exist only there and no route
out. Without the privilege to create namespaces the drill runs on loopback
ports and says so; a link cut is then a SIGSTOP of the instance (its
connections stay open and silent, as behind a cut link). Every instance
registers in etcd, leaves it on SIGTERM and serves a grace period before it
drains; the facade follows etcd and balances over what it finds.

Properties: no call fails during the rolling restart; after the SIGKILL and
the link cut every read succeeds within the facade's deadline and traffic
moves away from the instance within it. Reported per fault: failed calls,
p50/p99, the time until traffic moved (the facade ejected the instance or
dropped it from its set), and for the restarts the last call the instance
served after its SIGTERM.

    python -m benchmarks.drills.fleet [--mode auto|netns|loopback] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import IO, Optional, Sequence

from ._common import ROOT, Verdict, free_port
from ._fleet_report import Phase, PhaseFigures, Victim, figures, instances_known, log_events, ok, table
from ._netns import Hosts, netns_possible

INSTANCES = ("h1", "h2", "h3")
HOSTS = ("etcd", *INSTANCES, "client")
CONFIG = os.path.join(ROOT, "examples", "beacons", "config.yml")
FACADE = os.path.join(ROOT, "examples", "beacons", "facade.yml")
TWISTD = "import sys\nfrom twisted.scripts.twistd import run\nsys.argv[0] = 'twistd'\nrun()\n"


@dataclass(frozen=True)
class Settings:
    """The timings of one run; the facade's and the instances' settings are part of what is shown."""

    warmup: float = 3.0
    fault: float = 4.0
    settle: float = 1.5
    rate: float = 150.0
    connect_timeout: int = 300
    timeout: int = 1000
    deadline: int = 3000
    refresh_interval: int = 300
    failure_threshold: int = 2
    open_time: int = 1000
    grace: int = 1000
    lease_ttl: int = 2

    @classmethod
    def quick(cls) -> Settings:
        return cls(warmup=1.5, fault=2.5, settle=0.8, rate=80.0)


class Process:
    """A process on a host, its output in a temporary file."""

    def __init__(self, name: str, argv: Sequence[str], env: dict[str, str]) -> None:
        self.name = name
        self.log: IO[bytes] = tempfile.TemporaryFile()
        self.popen = subprocess.Popen(list(argv), cwd=ROOT, env=env, stdin=subprocess.PIPE,
                                      stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output:
                if os.environ.get("FLEET_DEBUG"):
                    print(f"{time.monotonic():.2f} {self.name}: {text}", flush=True)
                return
            if self.popen.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.popen.returncode}:\n{self.output[-3000:]}")
            time.sleep(0.05)
        raise RuntimeError(f"{self.name}: no '{text}' within {timeout} s:\n{self.output[-3000:]}")

    def signal(self, signum: int) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signum)

    def stop(self) -> None:
        """Kills it, even when stopped, and reaps it."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGCONT)
            self.popen.kill()
        self.popen.wait(10)


@dataclass
class Instance:
    """One beacons process: the beacon it serves names it, as does its URL."""

    name: str
    url: str
    process: Process

    def ready(self) -> Instance:
        self.process.wait_for("Container beacons started")
        return self

    def victim(self) -> Victim:
        return Victim(self.name, self.url, time.monotonic(), time.time())


class Fleet:
    """The processes of the drill on its hosts."""

    def __init__(self, hosts: Hosts, settings: Settings, workdir: str) -> None:
        self.hosts = hosts
        self.settings = settings
        self.workdir = workdir
        self.processes: list[Process] = []
        netns = hosts.netns
        self.etcd_port = 2379 if netns else free_port()
        self.etcd_peer = 2380 if netns else free_port()
        self.facade_port = 8090 if netns else free_port()
        self.instances: dict[str, Instance] = {}
        self.generations: dict[str, int] = {}
        self.env = {k: v for k, v in os.environ.items() if not k.endswith("_ENABLED")}
        self.env["PYTHONPATH"] = ROOT

    @property
    def etcd_uri(self) -> str:
        return f"http://{self.hosts.address('etcd')}:{self.etcd_port}"

    def spawn(self, name: str, host: str, argv: Sequence[str]) -> Process:
        process = Process(name, self.hosts.command(host, argv), self.env)
        self.processes.append(process)
        return process

    def start_etcd(self) -> None:
        peer = f"http://127.0.0.1:{self.etcd_peer}"
        process = self.spawn("etcd", "etcd", [
            "etcd", "--name", "fleet", "--data-dir", os.path.join(self.workdir, "etcd"),
            "--listen-client-urls", self.etcd_uri, "--advertise-client-urls", self.etcd_uri,
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--initial-cluster", f"fleet={peer}", "--logger", "zap", "--log-outputs", "stdout",
        ])
        process.wait_for("serving client traffic")

    def twistd(self, name: str, host: str, config: str, **parameters: object) -> Process:
        argv = [sys.executable, "-c", TWISTD, "-n", "--pidfile=", "pipsvc", "-c", config]
        for key, value in parameters.items():
            argv += ["-p", f"{key}={value}"]
        return self.spawn(name, host, argv)

    def start_instance(self, host: str) -> Instance:
        """A new instance on C{host}, on a port of its own, serving one beacon that names it (C{h1.2})."""
        generation = self.generations[host] = self.generations.get(host, 0) + 1
        name = f"{host}.{generation}"
        port = 8080 + generation if self.hosts.netns else free_port()
        path = os.path.join(self.workdir, f"{name}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump([{"id": name, "site_id": "fleet", "udi": name}], f)
        s = self.settings
        process = self.twistd(
            name, host, CONFIG, HTTP_HOST=self.hosts.address(host), HTTP_PORT=port,
            ETCD_URI=self.etcd_uri, ETCD_LEASE_TTL=s.lease_ttl, SHUTDOWN_GRACE=s.grace, REGISTER_HEARTBEAT=1000,
            FILE_ENABLED="true", FILE_PATH=path, LOG_LEVEL="info",
        )
        instance = self.instances[host] = Instance(name, f"http://{self.hosts.address(host)}:{port}", process)
        return instance

    def start_facade(self) -> Process:
        s = self.settings
        return self.twistd(
            "facade", "client", FACADE, HTTP_HOST="127.0.0.1", HTTP_PORT=self.facade_port, ETCD_URI=self.etcd_uri,
            CONNECT_TIMEOUT=s.connect_timeout, TIMEOUT=s.timeout, DEADLINE=s.deadline,
            REFRESH_INTERVAL=s.refresh_interval, FAILURE_THRESHOLD=s.failure_threshold, OPEN_TIME=s.open_time,
            LOG_LEVEL="info",
        )

    def start_load(self, out: str) -> Process:
        return self.spawn("load", "client", [
            sys.executable, "-m", "benchmarks.drills._fleet_load", "--port", str(self.facade_port), "--out", out,
            "--rate", str(self.settings.rate), "--seconds", "300",
        ])

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            try:
                process.stop()
            except (OSError, subprocess.SubprocessError):
                pass


def wait_for_instances(facade: Process, count: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if instances_known(facade.output) == count:
            return
        time.sleep(0.05)
    raise RuntimeError(f"the facade did not find {count} instances within {timeout} s:\n{facade.output[-3000:]}")


def run_faults(fleet: Fleet, facade: Process) -> list[Phase]:
    """
    The three faults. A killed instance is replaced at once (a new process on
    its host, as an orchestrator would); a restart starts the new instance
    first and stops the old one once the new one is ready (a rolling update
    with one instance of surge), so instances keep their names but not their ports.
    """
    s = fleet.settings
    hosts = fleet.hosts
    phases = [Phase("warm-up", time.monotonic())]
    time.sleep(s.warmup)

    killed = fleet.instances["h1"]
    phase = Phase("SIGKILL h1", time.monotonic(), victims=[killed.victim()])
    phases[-1].ended = phase.began
    phases.append(phase)
    killed.process.signal(signal.SIGKILL)
    fleet.start_instance("h1").ready()
    time.sleep(max(0.0, phase.began + s.fault - time.monotonic()))
    phase.ended = time.monotonic()
    wait_for_instances(facade, 3)
    time.sleep(s.settle)

    cut = fleet.instances["h3"]
    phase = Phase("link cut h3" if hosts.netns else "link cut h3 (SIGSTOP)", time.monotonic(),
                  victims=[cut.victim()])
    phases.append(phase)
    if hosts.netns:
        hosts.cut("h3")
    else:
        cut.process.signal(signal.SIGSTOP)
    time.sleep(s.fault)
    phase.ended = time.monotonic()
    if hosts.netns:
        hosts.restore("h3")
    else:
        cut.process.signal(signal.SIGCONT)
    wait_for_instances(facade, 3)
    time.sleep(s.settle)

    phase = Phase("rolling restart", time.monotonic())
    phases.append(phase)
    stopping: list[Process] = []
    for host in INSTANCES:
        old = fleet.instances[host]
        fleet.start_instance(host).ready()
        phase.victims.append(old.victim())
        old.process.signal(signal.SIGTERM)
        stopping.append(old.process)
    for process in stopping:
        process.popen.wait(30)
    wait_for_instances(facade, 3)
    time.sleep(s.settle)
    phase.ended = time.monotonic()
    return phases


@dataclass
class Report:
    mode: str
    settings: Settings
    phases: list[PhaseFigures]
    total_calls: int
    failed_calls: int


def drill(netns: bool, settings: Settings) -> Report:
    """Builds the hosts, runs the faults, measures, and removes everything it created, whatever happens."""
    hosts = Hosts(HOSTS, netns)
    workdir = tempfile.mkdtemp(prefix="fleet-drill-")
    fleet = Fleet(hosts, settings, workdir)
    load: Optional[Process] = None
    try:
        hosts.create()
        fleet.start_etcd()
        first, *others = [fleet.start_instance(host) for host in INSTANCES]
        first.ready()
        facade = fleet.start_facade()
        for instance in others:
            instance.ready()
        facade.wait_for("Container beacons-facade started")
        wait_for_instances(facade, 3)
        out = os.path.join(workdir, "calls.json")
        load = fleet.start_load(out)
        phases = run_faults(fleet, facade)
        assert load.popen.stdin is not None
        load.popen.stdin.close()
        load.popen.wait(30)
        with open(out, encoding="utf-8") as f:
            records = json.load(f)
        events = log_events(facade.output)
        rows = [figures(phase, records, events) for phase in phases]
        failed = sum(1 for r in records if not ok(r))
        if os.environ.get("FLEET_DEBUG"):
            print([r for r in records if not ok(r)], facade.output[-20000:])
        return Report(hosts.mode, settings, rows, len(records), failed)
    finally:
        fleet.stop_all()
        left = hosts.destroy()
        shutil.rmtree(workdir, ignore_errors=True)
        if left:
            raise RuntimeError(f"namespaces left behind: {left}")


def check(report: Report, verdict: Verdict) -> None:
    s = report.settings
    verdict.figure("mode", report.mode + ("" if report.mode == "netns" else
                                          " (no network namespaces here: hosts are loopback ports)"))
    verdict.figure("facade", f"connect_timeout {s.connect_timeout} ms, timeout {s.timeout} ms, deadline "
                             f"{s.deadline} ms, refresh {s.refresh_interval} ms, failure_threshold "
                             f"{s.failure_threshold}, open_time {s.open_time} ms")
    verdict.figure("instances", f"grace {s.grace} ms, etcd lease {s.lease_ttl} s")
    verdict.figure("calls", f"{report.total_calls}, failed {report.failed_calls}")
    print(table(report.phases), flush=True)
    by_name = {f.name.split(" (")[0]: f for f in report.phases}
    rolling = by_name["rolling restart"]
    verdict.require(rolling.failed == 0, f"no failed call during the rolling restart ({rolling.failed})")
    for name in ("SIGKILL h1", "link cut h3"):
        fault = by_name[name]
        verdict.require(fault.failed_reads == 0, f"{name}: no failed read ({fault.failed_reads})")
        verdict.require(fault.max_read_ms <= s.deadline,
                        f"{name}: every read answered within the deadline ({fault.max_read_ms:.0f} ms)")
        moved = fault.moved_s[0]
        verdict.require(moved is not None and moved <= s.deadline / 1000,
                        f"{name}: traffic moved within the deadline ({moved} s)")
    verdict.require(all(v is not None for v in rolling.moved_s), "each restarted instance left the facade's set")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=("auto", "netns", "loopback"), default="auto")
    parser.add_argument("--quick", action="store_true", help="shorter windows, lower rate (the trial test's)")
    args = parser.parse_args()
    netns = netns_possible() if args.mode == "auto" else args.mode == "netns"
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))  # clean up on SIGTERM too
    verdict = Verdict("fleet")
    report = drill(netns, Settings.quick() if args.quick else Settings())
    check(report, verdict)
    verdict.finish()


if __name__ == "__main__":
    main()
