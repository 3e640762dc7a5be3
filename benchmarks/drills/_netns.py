"""
Hosts for a drill: network namespaces on a bridge of their own (198.51.100.0/24, no route out), or loopback.

In netns mode each host is a namespace with one interface, C{eth0}, whose
veth peer sits in a further namespace that holds only the bridge; the
addresses exist only inside those namespaces and no namespace has a default
route, so nothing a drill starts can reach another address. A host's link
is cut by taking its port on the bridge down. Everything is created under a
name prefix unique to the run, and L{Hosts.destroy} deletes it all.

In loopback mode (no privilege for namespaces) every host is 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from typing import Sequence

SUBNET = "198.51.100"


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


def netns_possible() -> bool:
    """Whether this process may create network namespaces (root with the ip tool)."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        return False
    name = f"pfl-probe-{uuid.uuid4().hex[:8]}"
    try:
        _ip("netns", "add", name)
    except (subprocess.SubprocessError, OSError):
        return False
    try:
        _ip("netns", "del", name)
    except (subprocess.SubprocessError, OSError):
        pass
    return True


class Hosts:
    """The hosts of a drill, by name: their address, how to run a command on one, how to cut its link."""

    def __init__(self, names: Sequence[str], netns: bool) -> None:
        self.names = list(names)
        self.netns = netns
        self.prefix = f"pfl{uuid.uuid4().hex[:8]}"
        self._created: list[str] = []

    @property
    def mode(self) -> str:
        return "netns" if self.netns else "loopback"

    def namespace(self, name: str) -> str:
        return f"{self.prefix}-{name}"

    def address(self, name: str) -> str:
        """The address of a host as the other hosts reach it."""
        if not self.netns:
            return "127.0.0.1"
        return f"{SUBNET}.{10 + self.names.index(name)}"

    def command(self, name: str, argv: Sequence[str]) -> list[str]:
        """C{argv} as run on host C{name} (in its namespace: the process's pid is still C{argv}'s)."""
        if not self.netns:
            return list(argv)
        return ["ip", "netns", "exec", self.namespace(name), *argv]

    def create(self) -> Hosts:
        if not self.netns:
            return self
        bridge = self.namespace("bridge")
        self._add(bridge)
        _ip("-n", bridge, "link", "add", "br0", "type", "bridge")
        _ip("-n", bridge, "link", "set", "br0", "up")
        for index, name in enumerate(self.names):
            host = self.namespace(name)
            self._add(host)
            port = f"port{index}"
            _ip("link", "add", "eth0", "netns", host, "type", "veth", "peer", "name", port, "netns", bridge)
            _ip("-n", bridge, "link", "set", port, "master", "br0", "up")
            _ip("-n", host, "addr", "add", f"{self.address(name)}/24", "dev", "eth0")
            _ip("-n", host, "link", "set", "eth0", "up")
            _ip("-n", host, "link", "set", "lo", "up")
        return self

    def _add(self, namespace: str) -> None:
        _ip("netns", "add", namespace)
        self._created.append(namespace)

    def cut(self, name: str) -> None:
        """Takes the host's port on the bridge down: its packets go nowhere, nobody's reach it."""
        _ip("-n", self.namespace("bridge"), "link", "set", f"port{self.names.index(name)}", "down")

    def restore(self, name: str) -> None:
        _ip("-n", self.namespace("bridge"), "link", "set", f"port{self.names.index(name)}", "up")

    def destroy(self) -> list[str]:
        """Deletes every namespace created (their veths and the bridge go with them); returns what is left."""
        for namespace in reversed(self._created):
            try:
                _ip("netns", "del", namespace)
            except (subprocess.SubprocessError, OSError):
                pass
        listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, timeout=10).stdout \
            if self.netns else ""
        left = [line.split()[0] for line in listed.splitlines() if line.startswith(self.prefix)]
        self._created = left
        return left
