"""pipsvc --reload restarts the service when a watched file changes; --manhole serves a prompt."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import tempfile
import time
from typing import Any

from twisted.internet import reactor, task
from twisted.internet.defer import ensureDeferred
from twisted.internet.error import ProcessDone
from twisted.internet.testing import MemoryReactorClock
from twisted.internet.threads import deferToThread
from twisted.python.failure import Failure
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.container._manhole import manhole_service
from pipservices_tx.container._reload import ReloadingSupervisor, snapshot, watched_files
from pipservices_tx.errors import ConfigException

from .test_twistd_process import _TwistdTestCase

VERSIONED = '''
from zope.interface import implementer

from pipservices_tx.logs import CompositeLogger
from pipservices_tx.refer import IReferenceable
from pipservices_tx.lifecycle import IOpenable

VERSION = 1


@implementer(IOpenable, IReferenceable)
class Versioned:
    def __init__(self):
        self.logger = CompositeLogger()
        self.opened = False

    def set_references(self, references):
        self.logger.set_references(references)

    def is_open(self):
        return self.opened

    def open(self, correlation_id):
        self.opened = True
        self.logger.info(correlation_id, "running version %s", VERSION)

    def close(self, correlation_id):
        self.opened = False
'''

CONFIG = '''
- descriptor: "pip-services:context-info:default:default:1.0"
  name: dev
- type: "Versioned,versioned"
'''


def _ask_manhole(path: str, line: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX) as client:
        client.connect(path)
        client.settimeout(0.5)
        data = b""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and b">>> " not in data.replace(b"\x1b", b""):  # the prompt
            try:
                data += client.recv(65536)
            except socket.timeout:
                pass
        client.sendall(line + b"\r\n")
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and b"ANSWER" not in data.replace(b"\x1b", b""):
            try:
                data += client.recv(65536)
            except socket.timeout:
                pass
        return data


class WatchTests(SynchronousTestCase):
    def test_watches_config_and_sources_but_not_caches(self) -> None:
        root = self.mktemp()
        os.makedirs(os.path.join(root, "pkg", "__pycache__"))
        for name in ("pkg/a.py", "pkg/b.yml", "pkg/__pycache__/a.cpython-311.pyc", "notes.txt", "c.yml"):
            with open(os.path.join(root, name), "w") as f:
                f.write("x")
        files = {os.path.relpath(path, root) for path in watched_files(os.path.join(root, "c.yml"), [root])}
        self.assertEqual(files, {"c.yml", "pkg/a.py", "pkg/b.yml"})
        before = snapshot(watched_files(os.path.join(root, "c.yml"), [root]))
        os.utime(os.path.join(root, "pkg", "a.py"), (1, 1))
        self.assertNotEqual(before, snapshot(watched_files(os.path.join(root, "c.yml"), [root])))

    def test_manhole_needs_a_unix_socket(self) -> None:
        with self.assertRaises(ConfigException):
            manhole_service("tcp:2222", {})


class _Child:
    """The transport of a fake child process: remembers the signals it was sent."""

    def __init__(self) -> None:
        self.signals: list[str] = []

    def signalProcess(self, name: str) -> None:
        self.signals.append(name)


class _ProcessReactor(MemoryReactorClock):
    """A fake clock that also "spawns" processes: it keeps their protocols and fake transports."""

    def __init__(self) -> None:
        super().__init__()
        self.children: list[tuple[Any, _Child]] = []

    def spawnProcess(self, protocol: Any, executable: str, args: Any, **kwargs: Any) -> _Child:
        child = _Child()
        self.children.append((protocol, child))
        return child


class SupervisorTests(SynchronousTestCase):
    """The reload supervisor on a fake clock with fake children: no process, no waiting."""

    def setUp(self) -> None:
        self.root = os.path.abspath(self.mktemp())
        os.makedirs(self.root)
        self.config = self.touch("dev.yml", 1000)
        self.source = self.touch("versioned.py", 1000)
        self.reactor = _ProcessReactor()
        self.supervisor = ReloadingSupervisor(["python"], self.config, [self.root], interval=1.0)
        self.supervisor.set_reactor(self.reactor)
        self.supervisor.startService()
        self.addCleanup(self.stop)

    def stop(self) -> None:
        stopping = self.supervisor.stopService()
        for protocol, _ in list(self.reactor.children):
            if not protocol.ended.called:  # each child exits on the TERM it was sent
                protocol.processEnded(Failure(ProcessDone(0)))
        self.successResultOf(stopping)

    def touch(self, name: str, mtime: float) -> str:
        path = os.path.join(self.root, name)
        with open(path, "a", encoding="utf-8") as f:
            f.write("#\n")
        os.utime(path, (mtime, mtime))  # an explicit time: no wait for the file system's granularity
        return path

    def test_a_change_restarts_the_child_once_it_has_exited(self) -> None:
        [(first, first_child)] = self.reactor.children
        self.reactor.advance(1.0)
        self.assertEqual((first_child.signals, self.supervisor.reloads), ([], 0), "nothing changed")
        self.touch("versioned.py", 2000)
        self.reactor.advance(0.9)
        self.assertEqual(first_child.signals, [], "not before the next look")
        self.reactor.advance(0.1)
        self.assertEqual((first_child.signals, self.supervisor.reloads), (["TERM"], 1))
        self.assertEqual(len(self.reactor.children), 1, "the new child waits for the old one to exit")
        self.reactor.advance(5.0)
        self.assertEqual(first_child.signals, ["TERM"], "one restart per change")
        first.processEnded(Failure(ProcessDone(0)))
        self.assertEqual(len(self.reactor.children), 2, "restarted as soon as it exited, not after a delay")

    def test_the_config_is_watched_too(self) -> None:
        self.touch("dev.yml", 3000)
        self.reactor.advance(1.0)
        self.assertEqual(self.supervisor.reloads, 1)


class ReloadProcessTests(_TwistdTestCase):
    timeout = 60

    def test_restarts_on_a_source_change(self) -> Any:
        async def run() -> None:
            self.write("versioned.py", VERSIONED)
            self.write("dev.yml", CONFIG)
            twistd = self.spawn("-c", "dev.yml", "--reload")
            await twistd.wait_for("running version 1")
            path = self.write("versioned.py", VERSIONED.replace("VERSION = 1", "VERSION = 2"))
            later = os.stat(path).st_mtime + 2  # no wait for the file system's mtime granularity
            os.utime(path, (later, later))
            await twistd.wait_for("running version 2")
            twistd.signal("TERM")
            self.assertEqual(await twistd.exited(), 0, twistd.text)
            self.assertIn("Changed: versioned.py; restarting", twistd.text)
        return ensureDeferred(run())

    def test_manhole_answers_inside_the_service(self) -> Any:
        async def run() -> None:
            self.write("versioned.py", VERSIONED)
            self.write("dev.yml", CONFIG)
            short = tempfile.mkdtemp(prefix="mh", dir="/tmp")  # unix socket paths are limited to ~100 bytes
            self.addCleanup(shutil.rmtree, short, True)
            path = os.path.join(short, "manhole.sock")
            twistd = self.spawn("-c", "dev.yml", "--manhole", f"unix:{path}")
            await twistd.wait_for("Container dev started")
            for _ in range(50):
                if os.path.exists(path):
                    break
                await task.deferLater(reactor, 0.05, lambda: None)
            self.assertTrue(os.path.exists(path), twistd.text)
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
            answer = await deferToThread(_ask_manhole, path, b"print('ANSWER', container.info.name)")
            self.assertIn(b"dev", answer.split(b"ANSWER")[-1])
            twistd.signal("TERM")
            self.assertEqual(await twistd.exited(), 0, twistd.text)
        return ensureDeferred(run())
