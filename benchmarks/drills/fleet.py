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

    python -m benchmarks.drills.fleet [--mode auto|netns|loopback] [--quick] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass

from ._common import Verdict
from ._fleet_processes import HOSTS, INSTANCES, Fleet, Process, Settings, wait_for_instances
from ._fleet_report import Phase, PhaseFigures, figures, log_events, ok, table
from ._netns import Hosts, netns_possible


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


def drill(netns: bool, settings: Settings, verbose: bool = False) -> Report:
    """Builds the hosts, runs the faults, measures, and removes everything it created, whatever happens."""
    hosts = Hosts(HOSTS, netns)
    workdir = tempfile.mkdtemp(prefix="fleet-drill-")
    fleet = Fleet(hosts, settings, workdir)
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
        if verbose:
            print("failed calls:", [r for r in records if not ok(r)], flush=True)
            print("\n".join(line for line in facade.output.splitlines() if ":WARN:" in line or ":ERROR:" in line))
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
    parser.add_argument("--verbose", action="store_true", help="print the failed calls and the facade's warnings")
    args = parser.parse_args()
    netns = netns_possible() if args.mode == "auto" else args.mode == "netns"
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))  # clean up on SIGTERM too
    verdict = Verdict("fleet")
    report = drill(netns, Settings.quick() if args.quick else Settings(), args.verbose)
    check(report, verdict)
    verdict.finish()


if __name__ == "__main__":
    main()
