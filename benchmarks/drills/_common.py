"""What the drills share: a twistd beacons server with a raised fd limit, its RSS and fds, and a verdict."""

from __future__ import annotations

import atexit
import os
import re
import resource
import sys
import tempfile
from typing import Optional

from pipservices_tx.testing import free_port

from .._servers import ROOT, Server, twistd_command
from .._servers import rss_kib as rss_kib  # the drills measure with it

BEACONS_CONFIG = os.path.join(ROOT, "examples", "beacons", "config.yml")


def raise_fd_limit(want: int) -> int:
    """Raises this process's soft RLIMIT_NOFILE towards C{want}; returns the limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(want, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


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


class Twistd(Server):
    """The beacons service (or any config) under C{twistd -n pipsvc} on a loopback port, its fd limit raised."""

    def __init__(self, config: str = BEACONS_CONFIG, *params: str, fd_limit: int = 65536,
                 port: Optional[int] = None) -> None:
        port = port or free_port()
        super().__init__("twistd", twistd_command(config, "HTTP_HOST=127.0.0.1", f"HTTP_PORT={port}", *params,
                                                  fd_limit=fd_limit), port)


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
