"""Helpers shared by the integration tests."""

from __future__ import annotations

import os
import socket
from typing import Any, Mapping, Optional

from twisted.trial.unittest import SkipTest

from pipservices_tx.testing import PipsvcProcess

#: The checkout the tests run from.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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


def pipsvc(*arguments: str, env: Optional[Mapping[str, str]] = None, **options: Any) -> PipsvcProcess:
    """
    A L{PipsvcProcess} (not started) that runs this checkout: its C{PYTHONPATH}
    is L{ROOT} alone, and no C{*_ENABLED} switch of the environment reaches
    the config (C{env} adds variables).
    """
    environment = {key: value for key, value in os.environ.items()
                   if key != "PYTHONPATH" and not key.endswith("_ENABLED")}
    environment.update(env or {})
    return PipsvcProcess(*arguments, env=environment, python_path=[ROOT], **options)
