"""Starting, probing and stopping the servers a benchmark compares."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from typing import Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))




def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (workers), in KiB."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += [int(child) for child in children]
    except OSError:
        pass
    for one in pids:
        try:
            with open(f"/proc/{one}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


@dataclass
class Server:
    """One server under test: how to start it and what it costs to start."""

    name: str
    command: list[str]
    port: int
    process: Optional[subprocess.Popen[bytes]] = None
    start_seconds: float = 0.0
    idle_rss_kib: int = 0
    env: dict[str, str] = field(default_factory=dict)
    probe_path: str = "/v1/beacons/get_beacon_by_id"

    def start(self, probe_body: bytes, timeout: float = 30.0) -> None:
        env = dict(os.environ, PYTHONPATH=ROOT, **self.env)
        began = time.monotonic()
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{self.port}{self.probe_path}"
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            try:
                request = urllib.request.Request(url, data=probe_body, method="POST",
                                                 headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=1) as response:
                    if response.status == 200:
                        self.start_seconds = time.monotonic() - began
                        break
            except OSError:
                time.sleep(0.005)
        else:
            raise RuntimeError(f"{self.name} gave no 200 within {timeout} s")
        time.sleep(0.5)
        self.idle_rss_kib = rss_kib(self.process.pid)

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None


def twistd_command(config: str, *params: str) -> list[str]:
    command = [sys.executable, "-c", "from twisted.scripts.twistd import run; run()", "-n", "--pidfile=",
               "pipsvc", "-c", config]
    for param in params:
        command += ["-p", param]
    return command


def probe_body() -> bytes:
    return json.dumps({"id": "1"}).encode()
