"""SIGKILL in the middle of a burst of file writes (an append to the log, or a compaction) loses no acknowledged record."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time

from twisted.trial import unittest

from pipservices_tx.persistence import IdentifiableFilePersistence
from pipservices_tx.testing import with_reactor

from ._inline import InlineReactor, InlineThreadPool

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WATCHDOG_SECONDS = 20


class KillTests(unittest.SynchronousTestCase):
    def setUp(self) -> None:
        if not hasattr(signal, "SIGKILL"):
            raise unittest.SkipTest("needs SIGKILL (POSIX)")
        self.path = os.path.join(os.path.abspath(self.mktemp()), "records.json")
        os.makedirs(os.path.dirname(self.path))

    def temp_files(self) -> list[str]:
        prefix = "." + os.path.basename(self.path) + "."
        return [name for name in os.listdir(os.path.dirname(self.path)) if name.startswith(prefix)]

    def run_and_kill(self, first: int, kill_after_acks: int, delay: float, mid_save: bool = False) -> set[str]:
        """
        Starts a writer at record C{first}; kills it (SIGKILL) once it has
        acknowledged C{kill_after_acks} records and C{delay} seconds more have
        passed, or, with C{mid_save}, as soon as it is seen writing a temp
        file (a save in progress). Returns every id it acknowledged,
        including those still in the pipe when it died.
        """
        env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
        stderr = tempfile.TemporaryFile()
        self.addCleanup(stderr.close)
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.persistence_file._crash_child", self.path, str(first), "50", "30000"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr,
        )
        watchdog = threading.Timer(WATCHDOG_SECONDS, child.kill)
        watchdog.start()
        self.addCleanup(watchdog.cancel)
        acknowledged: set[str] = set()
        assert child.stdout is not None
        line = child.stdout.readline()
        while line and len(acknowledged) < kill_after_acks:
            if line != b"open\n":
                acknowledged.add(line.decode().strip())
            line = child.stdout.readline()
        if delay:
            time.sleep(delay)
        deadline = time.monotonic() + 5
        while mid_save and not self.temp_files() and time.monotonic() < deadline:
            pass
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.stdout.close()
        child.wait()
        stderr.seek(0)
        self.assertEqual(child.returncode, -signal.SIGKILL,
                         f"the writer ended before the kill: {stderr.read().decode(errors='replace')}")
        for tail in rest.split(b"\n")[:-1]:
            acknowledged.add(tail.decode().strip())
        acknowledged.discard("open")
        self.assertGreaterEqual(len(acknowledged), kill_after_acks)
        return acknowledged

    def test_every_acknowledged_record_survives_kill_9(self) -> None:
        """
        Six writers in turn on the same file and log, each killed at another
        moment: after 1 to 800 acknowledged records, some after a random
        pause, some the moment a compaction's temp file is seen. After each
        kill the file parses, every line of the log but perhaps a cut-short
        last one is a record, and a new persistence finds every record any
        writer acknowledged.
        """
        randomness = random.Random()
        acknowledged: set[str] = set()
        for round, kill_after in enumerate((1, 120, 333, 800, 57, 400)):
            delay = randomness.uniform(0, 0.02) if round % 2 else 0.0
            acknowledged |= self.run_and_kill(round * 100000, kill_after, delay, mid_save=round >= 3)
            if os.path.exists(self.path):
                with open(self.path, "rb") as stream:
                    self.assertIsInstance(json.loads(stream.read().decode("utf-8")), list)
            if os.path.exists(self.path + ".log"):
                with open(self.path + ".log", "rb") as stream:
                    lines = stream.read().split(b"\n")
                for line in lines[:-1]:
                    self.assertIsInstance(json.loads(line), dict)
            persistence = with_reactor(IdentifiableFilePersistence(path=self.path, threadpool=InlineThreadPool()),
                                       InlineReactor())
            self.successResultOf(persistence.open(None))
            found = self.successResultOf(persistence.get_list_by_ids(None, sorted(acknowledged)))
            missing = acknowledged - {item["id"] for item in found}
            self.assertEqual(missing, set(), f"round {round}: acknowledged but lost")
