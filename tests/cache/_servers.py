"""Throw-away redis-server and memcached processes for failure and failover tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any, Optional

from twisted.internet import reactor
from twisted.internet.task import Clock, deferLater
from twisted.trial.unittest import SkipTest
from zope.interface import directlyProvides, providedBy

from pipservices_tx.testing import free_port
from tests.support import server_reachable


class ServerProcess:
    """A server binary on a loopback port that a test can kill and start again."""

    def __init__(self, binary: str, port: Optional[int] = None) -> None:
        if shutil.which(binary) is None:
            if os.environ.get("CI"):
                raise AssertionError(f"{binary} is not installed, and CI requires it")
            raise SkipTest(f"{binary} is not installed")
        self.binary = binary
        self.port = port or free_port()
        self.extra: list[str] = []
        self._process: Optional[subprocess.Popen[bytes]] = None

    def argv(self) -> list[str]:
        if self.binary == "redis-server":
            return [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--daemonize", "no", *self.extra]
        return [self.binary, "-p", str(self.port), "-l", "127.0.0.1", "-U", "0", "-u", "root", *self.extra]

    async def start(self) -> None:
        self._process = subprocess.Popen(self.argv(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if server_reachable("127.0.0.1", self.port, 0.1):
                return
            await deferLater(reactor, 0.05, lambda: None)
        self.kill()
        raise AssertionError(f"{self.binary} did not start on port {self.port}")

    def kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None


class ClockedReactor:
    """
    The global reactor for the network and its timeouts, but with the
    C{seconds()} of a L{Clock} the test moves: a component's back-off (which
    reads C{seconds()}) passes with C{clock.advance}, with no real waiting.
    """

    def __init__(self) -> None:
        self.clock = Clock()
        self._reactor = reactor
        directlyProvides(self, providedBy(reactor))

    def seconds(self) -> float:
        return self.clock.seconds()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reactor, name)
