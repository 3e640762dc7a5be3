# -*- test-case-name: tests.container.test_workers -*-
"""Multi-core: a parent binds the listening ports and keeps N worker processes serving them."""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from typing import Any, Sequence, cast

from twisted.application.service import Service
from twisted.internet.defer import Deferred, DeferredList
from twisted.internet.error import ProcessDone
from twisted.internet.interfaces import IReactorProcess
from twisted.internet.protocol import ProcessProtocol
from twisted.logger import Logger, LogLevel
from twisted.python.failure import Failure

from ..errors import ConfigException
from ..lifecycle import LISTEN_FDS_VARIABLE, ReactorAware, backoff
from ..refer import Descriptor
from ..services import endpoint_string, listen_backlog
from ._container_config import ComponentConfig

ENDPOINT_LOCATOR = Descriptor("pip-services", "endpoint", "http", "*", "1.0")

_log = Logger(namespace="pipservices_tx.workers")


@dataclass
class SharedListener:
    """
    The sockets the parent binds for one endpoint: one per worker, all on the
    same port with C{SO_REUSEPORT}, so the kernel spreads new connections
    evenly instead of letting one busy worker accept them all.
    """

    endpoint: str
    sockets: list[socket.socket]

    def fd_for(self, number: int) -> int:
        return self.sockets[(number - 1) % len(self.sockets)].fileno()

    def close(self) -> None:
        for sock in self.sockets:
            sock.close()


def _tcp_address(description: str) -> tuple[str, int]:
    """C{tcp:port=8080:interface=0.0.0.0} or C{tcp:8080:interface=h} as (host, port)."""
    parts = description.split(":")
    if parts[0] != "tcp":
        raise ConfigException(None, "WORKERS_NEED_TCP", f"workers share TCP listeners only, not '{description}'")
    host, port = "0.0.0.0", None
    for part in parts[1:]:
        key, sep, value = part.partition("=")
        if not sep:
            port = int(key)
        elif key == "port":
            port = int(value)
        elif key == "interface":
            host = value.replace("\\:", ":")
    if port is None:
        raise ConfigException(None, "WORKERS_NEED_PORT", f"'{description}' names no port")
    return host, port


def workers_from_config(entries: Sequence[ComponentConfig]) -> int:
    """C{options.workers} of the first HTTP endpoint entry (1 when none says)."""
    for entry in entries:
        if entry.descriptor is not None and ENDPOINT_LOCATOR.match(entry.descriptor):
            return max(entry.config.get_as_integer_with_default("options.workers", 1), 1)
    return 1


# Memory components that only hold what the config gave them: the same in every worker.
_READ_ONLY_TYPES = frozenset(("discovery", "credential-store"))


def per_worker_components(entries: Sequence[ComponentConfig]) -> list[str]:
    """
    The descriptors of the entries that keep data in memory (kind C{memory}):
    with several workers, each worker has a copy of its own, and they drift apart.
    """
    return [
        str(entry.descriptor) for entry in entries
        if entry.descriptor is not None and entry.descriptor.kind == "memory"
        and entry.descriptor.type not in _READ_ONLY_TYPES
    ]


def _bind(host: str, port: int, backlog: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


def bind_listeners(entries: Sequence[ComponentConfig], workers: int) -> list[SharedListener]:
    """
    Binds the TCP port of every HTTP endpoint entry, once per worker, for the
    workers to inherit, with the entry's C{connection.backlog}.
    """
    listeners = []
    for entry in entries:
        if entry.descriptor is None or not ENDPOINT_LOCATOR.match(entry.descriptor):
            continue
        description = endpoint_string(entry.config)
        host, port = _tcp_address(description)
        sockets: list[socket.socket] = []
        try:
            for _ in range(workers):
                sockets.append(_bind(host, port, listen_backlog(entry.config)))
                port = sockets[0].getsockname()[1]  # port 0: every socket on the one the kernel chose
        except OSError as e:
            for sock in sockets:
                sock.close()
            raise ConfigException(None, "CANNOT_LISTEN", f"Cannot listen on {description}: {e}") from e
        listeners.append(SharedListener(description, sockets))
    if not listeners:
        raise ConfigException(None, "NO_ENDPOINT", "--workers needs a pip-services:endpoint:http entry to share")
    return listeners


class _Worker(ProcessProtocol):
    def __init__(self, pool: WorkerPool, number: int) -> None:
        self.pool = pool
        self.number = number
        self.ended: Deferred[None] = Deferred()
        self._buffers = {1: b"", 2: b""}

    def childDataReceived(self, fd: int, data: bytes) -> None:
        lines = (self._buffers.get(fd, b"") + data).split(b"\n")
        self._buffers[fd] = lines.pop()
        for line in lines:
            self.pool.relay(self.number, line.decode("utf-8", "replace"))

    def processEnded(self, reason: Failure) -> None:
        for rest in self._buffers.values():
            if rest:
                self.pool.relay(self.number, rest.decode("utf-8", "replace"))
        self.ended.callback(None)
        self.pool.worker_ended(self, reason)


class WorkerPool(ReactorAware, Service):
    """
    Runs C{count} copies of this twistd command as workers that adopt the
    parent's listening sockets (C{adoptStreamPort}); restarts a worker that
    dies (after C{restart_delay}, doubling while they keep dying); on stop,
    forwards SIGTERM so each worker drains and closes, and waits for them.
    """

    name = "pipsvc-workers"

    def __init__(self, count: int, argv: list[str], listeners: list[SharedListener],
                 stop_timeout: float = 30.0, per_worker: Sequence[str] = ()) -> None:
        self.count = count
        self.argv = argv
        self.listeners = listeners
        self.per_worker = list(per_worker)
        self.stop_timeout = stop_timeout
        self.restart_delay = 1.0
        self.workers: dict[int, Any] = {}
        self.restarts = 0
        self._protocols: dict[int, _Worker] = {}
        self._stopping = False
        self._delay = self.restart_delay
        self._restart_attempt = 0
        self._restart_backoff = backoff(self.restart_delay, 30.0)

    def startService(self) -> None:
        super().startService()
        for number in range(1, self.count + 1):
            self._spawn(number)
        if self.listeners:
            _log.info("Started {count} workers sharing {endpoints}", count=self.count,
                      endpoints=", ".join(listener.endpoint for listener in self.listeners))
        if self.per_worker:
            _log.warn("Each of the {count} workers has its own {components}: what a request writes there, "
                      "requests served by the other workers never see; give workers a shared backend "
                      "(a database, Redis...)", count=self.count, components=", ".join(self.per_worker))

    def _spawn(self, number: int) -> None:
        fds = {}
        child_fd = 3
        for listener in self.listeners:
            fds[listener.endpoint] = child_fd
            child_fd += 1
        env = dict(os.environ, **{LISTEN_FDS_VARIABLE: json.dumps(fds), "PIPSVC_WORKER": str(number)})
        child_fds: dict[int, Any] = {0: "w", 1: "r", 2: "r"}
        for listener, fd in zip(self.listeners, fds.values(), strict=True):
            child_fds[fd] = listener.fd_for(number)
        protocol = _Worker(self, number)
        self._protocols[number] = protocol
        self.workers[number] = cast(IReactorProcess, self.reactor).spawnProcess(
            protocol, self.argv[0], self.argv, env=env, childFDs=child_fds
        )

    def relay(self, number: int, line: str) -> None:
        if line.strip():
            _log.emit(LogLevel.info, "{line}", line=line, pips_raw=True, worker=number)

    def worker_ended(self, worker: _Worker, reason: Failure) -> None:
        self.workers.pop(worker.number, None)
        self._protocols.pop(worker.number, None)
        if self._stopping:
            return
        clean = isinstance(reason.value, ProcessDone)
        _log.warn("Worker {number} ended ({why}); restarting in {delay:g} s", number=worker.number,
                  why="exit 0" if clean else reason.getErrorMessage(), delay=self._delay)
        self.restarts += 1
        self.reactor.callLater(self._delay, self._respawn, worker.number)
        self._restart_attempt += 1
        self._delay = self._restart_backoff(self._restart_attempt)

    def _respawn(self, number: int) -> None:
        if not self._stopping and number not in self.workers:
            self._spawn(number)
            self.reactor.callLater(10.0, self._reset_delay)

    def _reset_delay(self) -> None:
        self._restart_attempt = 0
        self._delay = self.restart_delay

    def stopService(self) -> Deferred[Any]:
        super().stopService()
        self._stopping = True
        ended = [protocol.ended for protocol in self._protocols.values()]
        for transport in list(self.workers.values()):
            try:
                transport.signalProcess("TERM")
            except Exception:  # noqa: BLE001 - already gone
                pass
        reactor = self.reactor
        kill = reactor.callLater(self.stop_timeout, self._kill_all)
        done = DeferredList(ended)

        def finished(result: Any) -> Any:
            if kill.active():
                kill.cancel()
            for listener in self.listeners:
                listener.close()
            return result

        return done.addBoth(finished)

    def _kill_all(self) -> None:
        for transport in list(self.workers.values()):
            try:
                transport.signalProcess("KILL")
            except Exception:  # noqa: BLE001 - already gone
                pass


def worker_argv(config: str, params: Sequence[str], log_format: str, phase_timeout: float, debug: bool) -> list[str]:
    """
    The command a worker runs: this pipsvc in the foreground without a pid
    file, logging to its stdout (the parent relays its lines).
    """
    argv = ["-c", "from twisted.scripts.twistd import run; run()", "-n", "--pidfile=", "pipsvc", "-c", config,
            "--log-format", log_format, "--phase-timeout", f"{phase_timeout:g}"]
    for param in params:
        argv += ["-p", param]
    if debug:
        argv.append("--debug")
    return [sys.executable, *argv]

