"""Helpers shared by the integration tests."""

from __future__ import annotations

import os
import socket

from twisted.trial.unittest import SkipTest


def server_reachable(host: str, port: int, timeout: float = 0.5) -> bool:
    """True when something accepts TCP connections at C{host:port}."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def require_server(host: str, port: int, name: str) -> None:
    """
    Skips the calling test when the server is down, except under CI (the
    C{CI} environment variable), where a missing server is a failure.
    """
    if server_reachable(host, port):
        return
    message = f"{name} is not reachable at {host}:{port}"
    if os.environ.get("CI"):
        raise AssertionError(f"{message}, and CI requires it (run .ci/services.sh)")
    raise SkipTest(message)
