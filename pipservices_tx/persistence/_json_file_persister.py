# -*- test-case-name: tests.persistence_file.test_json_file_persister -*-
"""JsonFilePersister: loads items from a JSON file and saves them atomically and durably."""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Optional, TypeVar, cast

from twisted.internet.defer import Deferred, fail, succeed
from twisted.internet.interfaces import IReactorCore, IReactorFromThreads
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ApplicationException, ConfigException
from ..lifecycle import IClosable, ReactorAware
from ._change_log import append_records, encode_records, read_records, remove_log, replay
from ._interfaces import ILoader, ISaver
from ._json_file import Item, file_error, read_items, remove_stale_temps, write_items

T = TypeVar("T")

DEFAULT_COMPACT_AFTER_BYTES = 1 << 20


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


@implementer(ILoader, ISaver, IConfigurable, IClosable)
class JsonFilePersister(ReactorAware):
    """
    Keeps a persistence's items as a JSON list of objects in one file
    (config C{path}), and the changes made since in a log beside it
    (C{<path>.log}, one JSON record a line: C{{"put": item}},
    C{{"delete": id}}, C{{"clear": true}}). L{append} adds a batch of changes
    to the log with one fsync, so a small write costs the size of the change,
    not of the store. L{save} replaces the file with a whole snapshot and then
    removes the log (compaction); L{wants_compaction} says when the log has
    outgrown C{options.compact_after_bytes} (default 1 MiB) and the file, so
    compaction rewrites at most about as many bytes as were appended. L{load}
    reads the file and replays the log, ignoring a last line that a crash cut
    short (it was never acknowledged). Replaying is idempotent, so a crash
    between a compaction's rename and the log's removal loses nothing.

    The blocking file work runs in a dedicated thread pool of one thread, not
    in the reactor's shared pool (C{deferToThread}): with one worker, loads and
    saves run in the order they were asked for, so a later save can never be
    overtaken by an older snapshot, and a slow fsync never holds up the shared
    pool's other users (name resolution, adbapi). The pool starts on first use
    and stops on L{close} (or when the reactor shuts down). Pass C{threadpool}
    (anything with C{callInThreadWithCallback}) and C{set_reactor} to run it
    elsewhere, e.g. inline in tests; an injected pool is not started or stopped
    here.
    """

    def __init__(
        self,
        path: Optional[str] = None,
        *,
        threadpool: Optional[Any] = None,
    ) -> None:
        self._path = os.path.abspath(path) if path else None
        self._threadpool = threadpool
        self._owned_pool: Optional[ThreadPool] = None
        self._shutdown_trigger: Optional[Any] = None
        self.compact_after_bytes = DEFAULT_COMPACT_AFTER_BYTES
        self._file_bytes = 0
        self._log_bytes = 0

    @property
    def path(self) -> Optional[str]:
        """The absolute path of the file, or None until configured."""
        return self._path

    def configure(self, config: ConfigParams) -> None:
        path = config.get_as_nullable_string("path")
        if path:
            self._path = os.path.abspath(path)
        self.compact_after_bytes = config.get_as_integer_with_default(
            "options.compact_after_bytes", self.compact_after_bytes)

    @property
    def log_bytes(self) -> int:
        """The size of the change log as of the last load, append or save."""
        return self._log_bytes

    def wants_compaction(self) -> bool:
        """True when the log is larger than C{options.compact_after_bytes} and than the file."""
        return self._log_bytes > max(self.compact_after_bytes, self._file_bytes)

    def load(self, correlation_id: Optional[str]) -> Deferred[list[Item]]:
        """
        Fires with the file's items (none when there is no file) with the log's
        changes applied; a bad file or log is a L{FileException}.
        """
        def run(path: str) -> list[Item]:
            remove_stale_temps(path)
            items = read_items(path, correlation_id)
            records, self._log_bytes = read_records(path, correlation_id)
            self._file_bytes = _size(path)
            return replay(items, records)

        return self._in_thread(correlation_id, run)

    def append(
        self, correlation_id: Optional[str], cleared: bool, changes: Iterable[tuple[Any, Any]], removed: Any
    ) -> Deferred[None]:
        """
        Fires once the changes are durably in the log (see
        L{encode_records}): C{cleared} first empties the store, then each
        C{(id, item)} sets an item and each C{(id, removed)} deletes one.
        The items are encoded in the worker thread: do not change them meanwhile.
        """
        def run(path: str) -> None:
            data = encode_records(cleared, changes, removed)
            if data:
                self._log_bytes = append_records(path, data)

        return self._in_thread(correlation_id, run)

    def save(self, correlation_id: Optional[str], items: list[Item]) -> Deferred[None]:
        """
        Fires once C{items} are durably in the file (see L{write_items}) and
        the log that the file now holds is removed. The
        list is encoded in the worker thread: do not change it meanwhile
        (L{MemoryPersistence} passes a snapshot).
        """
        def run(path: str) -> None:
            write_items(path, items, correlation_id)
            self._file_bytes = _size(path)
            remove_log(path)
            self._log_bytes = 0

        return self._in_thread(correlation_id, run)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Stops the owned worker thread (after the work already queued)."""
        pool, self._owned_pool = self._owned_pool, None
        if pool is not None:
            trigger, self._shutdown_trigger = self._shutdown_trigger, None
            if trigger is not None:
                cast(IReactorCore, self.reactor).removeSystemEventTrigger(trigger)
            pool.stop()
        return succeed(None)

    def _in_thread(self, correlation_id: Optional[str], fn: Callable[[str], T]) -> Deferred[T]:
        path = self._path
        if not path:
            return fail(ConfigException(correlation_id, "NO_PATH", "JsonFilePersister needs a path (config 'path')"))

        def portable(failure: Any) -> Any:
            if isinstance(failure.value, ApplicationException):
                return failure
            return fail(file_error(correlation_id, "FILE_ERROR", "Failed on", path, failure.value))

        return deferToThreadPool(cast(IReactorFromThreads, self.reactor), self._get_pool(), fn, path).addErrback(portable)

    def _get_pool(self) -> Any:
        if self._threadpool is not None:
            return self._threadpool
        if self._owned_pool is None:
            name = f"JsonFilePersister({os.path.basename(self._path or '')})"
            pool = ThreadPool(minthreads=0, maxthreads=1, name=name)
            pool.start()
            self._owned_pool = pool
            self._shutdown_trigger = cast(IReactorCore, self.reactor).addSystemEventTrigger("during", "shutdown", self._stop_at_shutdown)
        return self._owned_pool

    def _stop_at_shutdown(self) -> None:
        pool, self._owned_pool = self._owned_pool, None
        self._shutdown_trigger = None
        if pool is not None:
            pool.stop()
