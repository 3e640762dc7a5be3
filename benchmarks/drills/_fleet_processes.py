"""The processes of the fleet drill: etcd, the beacons instances and the facade under twistd, and the load."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import IO, Sequence

from ._common import ROOT, free_port
from ._fleet_report import Victim, instances_known
from ._netns import Hosts

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
