# -*- test-case-name: tests.testing.test_ports -*-
"""free_port: a loopback port for a test's own server."""

from __future__ import annotations

import socket


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on at C{host} now (bound, then released: start the server soon)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])
