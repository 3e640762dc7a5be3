"""Starting, probing and stopping the server processes that benchmarks and drills measure."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from typing import IO, Optional, TypeVar

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# twistd under a wrapper that first raises its open-file limit (5,000 connections need it).
_FD_LIMIT_WRAPPER = (
    "import resource, sys\n"
    "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
    "want = int(sys.argv.pop(1))\n"
    "resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard) if hard != resource.RLIM_INFINITY else want, hard))\n"
    "from twisted.scripts.twistd import run\n"
    "sys.argv[0] = 'twistd'\n"
    "run()\n"
)


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


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def listening(port: int, host: str = "127.0.0.1") -> bool:
    """True when a server accepts connections at C{host:port}; otherwise says that its benchmark is skipped."""
    try:
        socket.create_connection((host, port), timeout=0.5).close()
        return True
    except OSError:
        print(f"nothing listens on {host}:{port}; skipped")
        return False


def twistd_command(config: str, *params: str, fd_limit: Optional[int] = None) -> list[str]:
    """C{twistd -n pipsvc -c config -p NAME=value...} with this interpreter; C{fd_limit} raises its RLIMIT_NOFILE."""
    if fd_limit is None:
        command = [sys.executable, "-c", "from twisted.scripts.twistd import run; run()"]
    else:
        command = [sys.executable, "-c", _FD_LIMIT_WRAPPER, str(fd_limit)]
    command += ["-n", "--pidfile=", "pipsvc", "-c", config]
    for param in params:
        command += ["-p", param]
    return command


def probe_body() -> bytes:
    return json.dumps({"id": "1"}).encode()


S = TypeVar("S", bound="Server")


class Server:
    """
    One server process: started from the repository root in a session of
    its own (so that stopping it reaches its workers too), ready once
    C{probe_path} answers 200 (a POST of C{probe_body}, or a GET without
    one), its standard output and error kept in one temporary file.
    Variables ending in C{_ENABLED} are not passed on: they would switch
    optional backends on in the beacons configs.
    """

    def __init__(self, name: str, command: list[str], port: int, *, probe_path: str = "/health/ready",
                 probe_body: Optional[bytes] = None, env: Optional[dict[str, str]] = None) -> None:
        self.name = name
        self.command = command
        self.port = port
        self.probe_path = probe_path
        self.probe_body = probe_body
        self.env = env or {}
        self.process: Optional[subprocess.Popen[bytes]] = None
        self.start_seconds = 0.0
        self.log: IO[bytes] = tempfile.TemporaryFile()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self: S, timeout: float = 30.0) -> S:
        """Starts it and waits for the probe's 200 (C{start_seconds} from start to then); RuntimeError otherwise."""
        env = {key: value for key, value in os.environ.items() if not key.endswith("_ENABLED")}
        env.update(self.env, PYTHONPATH=ROOT)
        began = time.monotonic()
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        url = f"http://127.0.0.1:{self.port}{self.probe_path}"
        method = "GET" if self.probe_body is None else "POST"
        while time.monotonic() - began < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.output[-3000:]}")
            try:
                request = urllib.request.Request(url, data=self.probe_body, method=method,
                                                 headers={"Content-Type": "application/json"} if self.probe_body else {})
                with urllib.request.urlopen(request, timeout=1) as response:
                    if response.status == 200:
                        self.start_seconds = time.monotonic() - began
                        return self
            except OSError:
                pass
            time.sleep(0.005)
        self.kill()
        raise RuntimeError(f"{self.name} gave no 200 at {self.probe_path} within {timeout} s:\n{self.output[-3000:]}")

    def settled_rss_kib(self, seconds: float = 0.5) -> int:
        """Its resident memory (workers included) after C{seconds} of rest, in KiB."""
        time.sleep(seconds)
        return rss_kib(self.pid)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def terminate(self, timeout: float = 30.0) -> Optional[int]:
        """SIGTERM and its exit code; -9 when it had to be killed after C{timeout} s; None if never started."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return -9

    def kill(self) -> None:
        if self.alive():
            self._signal(signal.SIGKILL)
            assert self.process is not None
            self.process.wait()

    def _signal(self, number: int) -> None:
        assert self.process is not None
        try:
            os.killpg(self.process.pid, number)
        except ProcessLookupError:
            pass

    @property
    def output(self) -> str:
        """What it wrote so far (read without moving the offset it writes at)."""
        fd = self.log.fileno()
        return os.pread(fd, os.fstat(fd).st_size, 0).decode("utf-8", "replace")
