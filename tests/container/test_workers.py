"""twistd pipsvc --workers N: shared port, two processes serving, a dead worker replaced, clean stop."""

from __future__ import annotations

import json
import os
import signal
import urllib.request
from typing import Any

from twisted.internet import reactor, task
from twisted.internet.defer import ensureDeferred
from twisted.internet.testing import MemoryReactorClock
from twisted.internet.threads import deferToThread
from twisted.logger import LogLevel, formatEvent, globalLogPublisher
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import parse_container_config
from pipservices_tx.container._workers import (
    WorkerPool,
    _tcp_address,
    bind_listeners,
    per_worker_components,
    worker_argv,
    workers_from_config,
)
from pipservices_tx.errors import ConfigException
from pipservices_tx.testing import free_port

from .test_twistd_process import _TwistdTestCase


def _status(port: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=5) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def _children(pid: int) -> list[int]:
    path = f"/proc/{pid}/task/{pid}/children"
    with open(path) as f:
        return [int(child) for child in f.read().split()]


class WorkerHelpersTests(SynchronousTestCase):
    def test_tcp_addresses(self) -> None:
        self.assertEqual(_tcp_address("tcp:port=8080:interface=0.0.0.0"), ("0.0.0.0", 8080))
        self.assertEqual(_tcp_address("tcp:9000"), ("0.0.0.0", 9000))
        with self.assertRaises(ConfigException):
            _tcp_address("unix:/tmp/x.sock")

    def test_workers_from_endpoint_options(self) -> None:
        entries = parse_container_config(ConfigParams.from_value([
            {"descriptor": "pip-services:endpoint:http:default:1.0", "options": {"workers": 3}}]))
        self.assertEqual(workers_from_config(entries), 3)
        self.assertEqual(workers_from_config([]), 1)

    def test_one_socket_per_worker_on_one_port(self) -> None:
        entries = parse_container_config(ConfigParams.from_value([
            {"descriptor": "pip-services:endpoint:http:default:1.0",
             "connection": {"host": "127.0.0.1", "port": 0}}]))
        [listener] = bind_listeners(entries, 3)
        self.addCleanup(listener.close)
        self.assertEqual(len({sock.getsockname()[1] for sock in listener.sockets}), 1)
        self.assertEqual(len({listener.fd_for(n) for n in (1, 2, 3)}), 3)

    def test_worker_command(self) -> None:
        argv = worker_argv("c.yml", ["A=1"], "json", 5.0, True)
        self.assertEqual(argv[-10:], ["pipsvc", "-c", "c.yml", "--log-format", "json", "--phase-timeout", "5",
                                      "-p", "A=1", "--debug"])
        self.assertIn("--pidfile=", argv)


class _ProcessReactor(MemoryReactorClock):
    """Records the processes it is asked to spawn."""

    def __init__(self) -> None:
        super().__init__()
        self.spawned: list[list[str]] = []

    def spawnProcess(self, protocol: Any, executable: str, args: Any, **kwargs: Any) -> Any:
        self.spawned.append(list(args))
        return object()


class PerWorkerStateTests(SynchronousTestCase):
    """Memory components with --workers: each worker has its own data; the parent says so at start."""

    CONFIG = [
        {"descriptor": "beacons:persistence:memory:default:1.0"},
        {"descriptor": "pip-services:cache:memory:default:1.0"},
        {"descriptor": "pip-services:discovery:memory:default:1.0"},
        {"descriptor": "beacons:persistence:postgres:default:1.0"},
        {"descriptor": "pip-services:endpoint:http:default:1.0"},
    ]

    def test_the_memory_components_are_named(self) -> None:
        entries = parse_container_config(ConfigParams.from_value(self.CONFIG))
        self.assertEqual(per_worker_components(entries),
                         ["beacons:persistence:memory:default:1.0", "pip-services:cache:memory:default:1.0"])

    def test_a_warning_at_start(self) -> None:
        events: list[dict[str, Any]] = []
        globalLogPublisher.addObserver(events.append)
        self.addCleanup(globalLogPublisher.removeObserver, events.append)
        pool = WorkerPool(2, ["python"], [], per_worker=["beacons:persistence:memory:default:1.0"])
        reactor = _ProcessReactor()
        pool.set_reactor(reactor)
        pool.startService()
        self.assertEqual(len(reactor.spawned), 2)
        [warning] = [event for event in events if event.get("log_level") == LogLevel.warn]
        text = formatEvent(warning)
        self.assertIn("Each of the 2 workers has its own beacons:persistence:memory:default:1.0", text)
        silent = WorkerPool(2, ["python"], [])
        silent.set_reactor(_ProcessReactor())
        events.clear()
        silent.startService()
        self.assertEqual([event for event in events if event.get("log_level") == LogLevel.warn], [])


class WorkersProcessTests(_TwistdTestCase):
    timeout = 60

    def test_two_workers_share_the_port_and_a_dead_one_is_replaced(self) -> Any:
        async def run() -> None:
            port = free_port()
            self.write("workers.yml", f"""
- descriptor: "pip-services:context-info:default:default:1.0"
  name: shared
- descriptor: "pip-services:endpoint:http:default:1.0"
  connection: {{host: 127.0.0.1, port: {port}}}
- descriptor: "pip-services:status-service:http:default:1.0"
""")
            twistd = self.spawn("-c", "workers.yml", "--workers", "2")
            await twistd.wait_for("Started 2 workers")
            ids: set[str] = set()
            for _ in range(200):
                try:
                    ids.add((await deferToThread(_status, port))["id"])
                except OSError:
                    await task.deferLater(reactor, 0.05, lambda: None)
                if len(ids) == 2:
                    break
            self.assertEqual(len(ids), 2, twistd.text)
            parent = twistd.pid
            victim = _children(parent)[0]
            os.kill(victim, signal.SIGKILL)
            await twistd.wait_for("restarting in")
            for _ in range(100):
                if len(_children(parent)) == 2 and victim not in _children(parent):
                    break
                await task.deferLater(reactor, 0.1, lambda: None)
            self.assertEqual(len(_children(parent)), 2)
            answers = [await deferToThread(_status, port) for _ in range(10)]
            self.assertTrue(all(answer["name"] == "shared" for answer in answers))
            twistd.signal("TERM")
            self.assertEqual(await twistd.exited(), 0, twistd.text)
            with self.assertRaises(OSError):
                await deferToThread(_status, port)
        return ensureDeferred(run())
