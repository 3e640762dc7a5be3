"""
The fleet drill (benchmarks/drills/fleet.py) in its quick loopback form: a
real etcd, three beacons instances and the facade under twistd, a SIGKILL,
a frozen instance and a rolling restart. And the network namespaces the
full drill builds, checked on their own where they can be created.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from twisted.trial.unittest import SkipTest, SynchronousTestCase

from benchmarks.drills._netns import Hosts, netns_possible
from benchmarks.drills.fleet import Settings, drill


class LoopbackDrillTests(SynchronousTestCase):
    def test_no_failed_call_in_a_rolling_restart_and_failover_within_the_deadline(self) -> None:
        if shutil.which("etcd") is None:
            message = "etcd is not installed (bash .ci/services.sh installs it)"
            if os.environ.get("CI"):
                raise AssertionError(f"{message}, and CI runs the fleet drill")
            raise SkipTest(message)
        settings = Settings.quick()
        report = drill(netns=False, settings=settings)
        phases = {f.name.split(" (")[0]: f for f in report.phases}
        self.assertEqual(report.mode, "loopback")
        self.assertGreater(phases["warm-up"].reads, 20, "the load ran")

        rolling = phases["rolling restart"]
        self.assertGreater(rolling.reads, 100)
        self.assertEqual((rolling.failed_reads, rolling.failed_writes), (0, 0))
        self.assertTrue(all(moved is not None for moved in rolling.moved_s), rolling.moved_s)

        deadline = settings.deadline
        for name in ("SIGKILL h1", "link cut h3"):
            fault = phases[name]
            self.assertGreater(fault.reads, 20, name)
            self.assertEqual(fault.failed_reads, 0, name)
            self.assertLessEqual(fault.max_read_ms, deadline, name)
            (moved,) = fault.moved_s
            self.assertIsNotNone(moved, f"{name}: traffic never moved")
            assert moved is not None
            self.assertLessEqual(moved, deadline / 1000, name)


_PROBE = """
import socket, sys
s = socket.socket()
s.settimeout(float(sys.argv[3]))
try:
    s.connect((sys.argv[1], int(sys.argv[2])))
    print("connected")
except OSError as e:
    print(type(e).__name__)
"""

_LISTEN = """
import socket, sys, time
s = socket.socket()
s.bind((sys.argv[1], 8080))
s.listen()
print("listening", flush=True)
time.sleep(20)
"""


class NamespaceTests(SynchronousTestCase):
    """The hosts of the netns drill: joined by their bridge, cut on demand, isolated, and gone afterwards."""

    def setUp(self) -> None:
        if not netns_possible():
            raise SkipTest("network namespaces need root and the ip tool (the drill then runs on loopback)")
        self.hosts = Hosts(["a", "b"], netns=True).create()
        self.addCleanup(self.hosts.destroy)

    def run_on(self, host: str, code: str, *args: str, timeout: float = 10) -> str:
        argv = self.hosts.command(host, [sys.executable, "-c", code, *args])
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout).stdout.strip()

    def test_hosts_reach_each_other_only_over_their_bridge(self) -> None:
        a, b = self.hosts.address("a"), self.hosts.address("b")
        self.assertEqual((a, b), ("198.51.100.10", "198.51.100.11"))
        server = subprocess.Popen(self.hosts.command("b", [sys.executable, "-c", _LISTEN, b]),
                                  stdout=subprocess.PIPE, text=True)
        self.addCleanup(server.wait)
        self.addCleanup(server.kill)
        assert server.stdout is not None
        self.assertEqual(server.stdout.readline().strip(), "listening")
        self.assertEqual(self.run_on("a", _PROBE, b, "8080", "2"), "connected")

        routes = subprocess.run(["ip", "-n", self.hosts.namespace("a"), "route"], capture_output=True, text=True)
        self.assertEqual([line.split()[0] for line in routes.stdout.splitlines()], ["198.51.100.0/24"],
                         "no default route: nothing leaves the namespaces")
        self.assertNotEqual(self.run_on("a", _PROBE, "192.0.2.1", "80", "1"), "connected")

        self.hosts.cut("b")
        self.assertIn(self.run_on("a", _PROBE, b, "8080", "1"), ("TimeoutError", "OSError", "timeout"))
        self.hosts.restore("b")
        self.assertEqual(self.run_on("a", _PROBE, b, "8080", "2"), "connected")

    def test_destroy_removes_every_namespace(self) -> None:
        names = [self.hosts.namespace(n) for n in ("a", "b", "bridge")]
        self.assertEqual(self.hosts.destroy(), [])
        listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
        self.assertFalse([n for n in names if n in listed])
