# -*- test-case-name: tests.container.test_reload -*-
"""pipsvc --reload: restart the service process when a watched file changes (development)."""

from __future__ import annotations

import os
from typing import Any, Iterable, Optional

from twisted.internet.task import LoopingCall
from twisted.logger import Logger
from twisted.python.failure import Failure

from ._workers import WorkerPool, _Worker

_log = Logger(namespace="pipservices_tx.reload")
_SKIPPED_DIRECTORIES = frozenset({".git", ".tox", ".venv", "venv", "__pycache__", ".mypy_cache", ".hypothesis",
                                  "node_modules", "build", "dist", "docs"})


def watched_files(config: str, roots: Iterable[str]) -> list[str]:
    """The config file, and every Python or YAML file under C{roots}."""
    files = [os.path.abspath(config)] if os.path.exists(config) else []
    for root in roots:
        for directory, subdirectories, names in os.walk(root):
            subdirectories[:] = [d for d in subdirectories
                                 if d not in _SKIPPED_DIRECTORIES and not d.startswith("_trial_temp")]
            files.extend(os.path.join(directory, name) for name in names
                         if name.endswith((".py", ".yml", ".yaml", ".json")))
    return files


def snapshot(paths: Iterable[str]) -> dict[str, float]:
    """Modification times; a file that vanished is simply missing."""
    result = {}
    for path in paths:
        try:
            result[path] = os.stat(path).st_mtime
        except OSError:
            pass
    return result


class ReloadingSupervisor(WorkerPool):
    """
    Runs the service as one child process and polls the watched files every
    C{interval} seconds; on a change it stops the child (SIGTERM, so it drains
    and closes) and starts a new one once the old has exited and freed its
    ports. A restart, not an in-process reload: no stale state survives.
    """

    name = "pipsvc-reload"

    def __init__(self, argv: list[str], config: str, roots: Iterable[str], interval: float = 1.0) -> None:
        super().__init__(1, argv, [])
        self.config = config
        self.roots = list(roots)
        self.interval = interval
        self.reloads = 0
        self._files = snapshot(watched_files(config, self.roots))
        self._watch: Optional[LoopingCall] = None
        self._reloading = False

    def startService(self) -> None:
        super().startService()
        self._watch = LoopingCall(self.check)
        self._watch.clock = self.reactor
        self._watch.start(self.interval, now=False)
        _log.info("Watching {count} files for changes", count=len(self._files))

    def check(self) -> None:
        current = snapshot(watched_files(self.config, self.roots))
        if current == self._files or self._reloading:
            return
        changed = sorted(path for path in set(current) | set(self._files)
                         if current.get(path) != self._files.get(path))
        self._files = current
        _log.info("Changed: {files}; restarting", files=", ".join(os.path.relpath(p) for p in changed[:5]))
        self._reloading = True
        self.reloads += 1
        for transport in list(self.workers.values()):
            transport.signalProcess("TERM")
        if not self.workers:
            self._restart_now(1)

    def worker_ended(self, worker: _Worker, reason: Failure) -> None:
        if self._reloading and not self._stopping:
            self.workers.pop(worker.number, None)
            self._protocols.pop(worker.number, None)
            self._restart_now(worker.number)
            return
        super().worker_ended(worker, reason)

    def _restart_now(self, number: int) -> None:
        self._reloading = False
        self._spawn(number)

    def stopService(self) -> Any:
        if self._watch is not None and self._watch.running:
            self._watch.stop()
        return super().stopService()
