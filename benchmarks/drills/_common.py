"""What the drills share: a twistd beacons server with a raised fd limit, its RSS and fds, and a verdict."""

from __future__ import annotations

import atexit
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import IO, Optional

from pipservices_tx.testing import free_port

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BEACONS_CONFIG = os.path.join(ROOT, "examples", "beacons", "config.yml")

# twistd under a wrapper that first raises its open-file limit (5,000 connections need it).
_WRAPPER = (
    "import resource, sys\n"
    "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
    "want = int(sys.argv.pop(1))\n"
    "resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard) if hard != resource.RLIM_INFINITY else want, hard))\n"
    "from twisted.scripts.twistd import run\n"
    "sys.argv[0] = 'twistd'\n"
    "run()\n"
)


def raise_fd_limit(want: int) -> int:
    """Raises this process's soft RLIMIT_NOFILE towards C{want}; returns the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(want, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]




def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def fd_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def fd_limit(pid: int) -> int:
    with open(f"/proc/{pid}/limits") as f:
        for line in f:
            if line.startswith("Max open files"):
                return int(line.split()[3])
    return 0


def beacons_config(endpoint_options: Optional[dict[str, object]] = None, extra: str = "",
                   replace: Optional[dict[str, str]] = None) -> str:
    """
    examples/beacons/config.yml with C{options} added to its endpoint, text
    replaced and entries appended; written to a temporary file, whose path is returned.
    """
    with open(BEACONS_CONFIG, encoding="utf-8") as f:
        text = f.read()
    marker = '- descriptor: "pip-services:endpoint:http:default:1.0"\n'
    if endpoint_options:
        options = ", ".join(f"{key}: {value}" for key, value in endpoint_options.items())
        text = text.replace(marker, marker + f"  options: {{{options}}}\n")
    for old, new in (replace or {}).items():
        if old not in text:
            raise ValueError(f"{old!r} is not in the beacons config")
        text = text.replace(old, new)
    text += extra
    fd, path = tempfile.mkstemp(prefix="drill-", suffix=".yml")
    with os.fdopen(fd, "w") as f:
        f.write(text)
    atexit.register(os.unlink, path)
    return path


class Twistd:
    """The beacons service (or any config) under C{twistd -n pipsvc} on a loopback port."""

    def __init__(self, config: str = BEACONS_CONFIG, *params: str, fd_limit: int = 65536,
                 port: Optional[int] = None) -> None:
        self.port = port or free_port()
        self.config = config
        self.params = ["HTTP_HOST=127.0.0.1", f"HTTP_PORT={self.port}", *params]
        self.fd_limit = fd_limit
        self.process: Optional[subprocess.Popen[bytes]] = None
        self.log: IO[bytes] = tempfile.TemporaryFile()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 30.0) -> Twistd:
        command = [sys.executable, "-c", _WRAPPER, str(self.fd_limit), "-n", "--pidfile=", "pipsvc",
                   "-c", self.config]
        for param in self.params:
            command += ["-p", param]
        env = {key: value for key, value in os.environ.items() if not key.endswith("_ENABLED")}
        env["PYTHONPATH"] = ROOT
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"twistd exited with {self.process.returncode}:\n{self.output[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    if s.recv(64).startswith(b"HTTP/1.1 200"):
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"twistd was not ready within {timeout} s:\n{self.output[-3000:]}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def terminate(self, timeout: float = 30.0) -> int:
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return -9

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    @property
    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")


def http(port: int, method: str, path: str, body: bytes = b"", timeout: float = 10.0) -> tuple[int, bytes]:
    """One request on a new connection: the status and the body."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Verdict:
    """Collects figures and failed properties; L{finish} prints them and exits 1 on a failure."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.failures: list[str] = []
        self.figures: list[tuple[str, str]] = []

    def figure(self, label: str, value: object) -> None:
        self.figures.append((label, str(value)))
        print(f"  {label}: {value}", flush=True)

    def require(self, ok: bool, what: str) -> None:
        print(f"  [{'ok' if ok else 'FAILED'}] {what}", flush=True)
        if not ok:
            self.failures.append(what)

    def finish(self) -> None:
        if self.failures:
            print(f"{self.name}: FAILED: " + "; ".join(self.failures), flush=True)
            sys.exit(1)
        print(f"{self.name}: all properties held", flush=True)
        sys.exit(0)


def traceback_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.match(r"^(Traceback|\S+Error: )", line)]
