# -*- test-case-name: tests.persistence_file.test_file_persistence -*-
"""FilePersistence and IdentifiableFilePersistence: the memory persistences kept in a JSON file and its change log."""

from __future__ import annotations

import random
from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure

from ..config import ConfigParams
from ..errors import UnknownException
from ..lifecycle import ReactorAware
from ._change_recorder import REMOVED, ChangeRecorder
from ._identifiable_memory_persistence import IdentifiableMemoryPersistence
from ._json_file_persister import JsonFilePersister
from ._memory_persistence import MemoryPersistence


class FilePersistence(MemoryPersistence, ReactorAware):
    """
    A L{MemoryPersistence} whose items live in a JSON file (config C{path},
    plus everything the memory persistence takes). Opening loads the file (a
    missing file is an empty store; a corrupt or unreadable one fails the open
    with a C{FileException}). Every write fires only after a save that holds
    its change is durably on disk. Writes made in the same reactor turn share
    one save, requested at the end of the turn (L{_save}); writes that arrive
    while a save runs share the next one (L{SaveBatcher}). A burst of N
    concurrent writes therefore costs one save, not N.

    A failed save fails the writes waiting for it, but their changes stay in
    memory and go to disk with the next save that succeeds.

    An L{IdentifiableFilePersistence} saves a batch by appending its changes
    to the persister's log (one fsync), and rewrites the whole file only when
    the log has outgrown it (see L{JsonFilePersister}), after a failed save,
    and when it closes: a store closed cleanly is one plain JSON list again.
    A plain C{FilePersistence} (items without ids, which a log could not
    name) rewrites the whole file on every save, so keep it for small stores.

    C{path} and C{threadpool} go to the L{JsonFilePersister} made here (see it
    for the worker thread); or pass a C{persister} of your own. The reactor
    (L{set_reactor}) schedules the end-of-turn saves and is handed to the persister.
    """

    #: Whether saves append the changes to the log (items with ids) or rewrite the file.
    _logs_changes = False
    _loader_hands_over = True  # the persister decodes fresh items from the file

    def __init__(
        self,
        persister: Optional[JsonFilePersister] = None,
        *,
        path: Optional[str] = None,
        threadpool: Optional[Any] = None,
        random_source: Optional[random.Random] = None,
    ) -> None:
        if persister is None:
            persister = JsonFilePersister(path, threadpool=threadpool)
        self._persister = persister
        self._turn_waiters: Optional[list[Deferred[None]]] = None
        self._compact_next = False  # after a failed save, the next is a whole one
        super().__init__(persister, persister, random_source=random_source)

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._persister.set_reactor(reactor)

    @property
    def persister(self) -> JsonFilePersister:
        """The persister that reads and writes the file."""
        return self._persister

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self._persister.configure(config)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Waits for the saves asked for, then stops the persister's worker thread."""
        pending: Deferred[Any] = succeed(None)
        if self._turn_waiters is not None:
            pending = Deferred()
            self._turn_waiters.append(pending)
        return (
            pending.addBoth(lambda _: self._compact_at_close(correlation_id))
            .addBoth(lambda _: super(FilePersistence, self).close(correlation_id))
            .addCallback(lambda _: self._persister.close(correlation_id))
        )

    def _compact_at_close(self, correlation_id: Optional[str]) -> Deferred[None]:
        if not isinstance(self._items, ChangeRecorder) or not self._persister.log_bytes:
            return succeed(None)
        self._compact_next = True

        def failed(failure: Failure) -> None:
            self._logger.warn(correlation_id, "Could not fold the log into the file at close: %s", failure.value)

        return self._save_batcher.request(correlation_id).addErrback(failed)

    def _new_items(self, items: Optional[dict[Any, Any]] = None) -> dict[Any, Any]:
        return ChangeRecorder(items or {}) if self._logs_changes else dict(items or {})

    def _save_now(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Appends the changes since the last save to the log, or saves the whole store (compaction)."""
        items = self._items
        if not isinstance(items, ChangeRecorder) or self._compact_next or self._persister.wants_compaction():
            if isinstance(items, ChangeRecorder):
                items.forget_changes()
            self._compact_next = False
            return super()._save_now(correlation_id).addErrback(self._save_failed, correlation_id)
        cleared, changes = items.take_changes()
        d = self._persister.append(correlation_id, cleared, changes, REMOVED)
        return d.addErrback(self._save_failed, correlation_id)

    def _save_failed(self, failure: Any, correlation_id: Optional[str]) -> None:
        # what the failed save held goes to disk with the next one, a whole snapshot
        self._compact_next = True
        raise UnknownException.wrap(failure.value, correlation_id)

    def _save(self, correlation_id: Optional[str]) -> Deferred[None]:
        """
        Collects the writes of this reactor turn and asks the L{SaveBatcher}
        for one save when the turn ends; each write fires once that save (which
        holds its change) is on disk. Without this, the first write of a burst
        would start a save of its own and the rest would wait for a second.
        """
        waiter: Deferred[None] = Deferred()
        if self._turn_waiters is None:
            self._turn_waiters = []
            self.reactor.callLater(0, self._end_of_turn, correlation_id)
        self._turn_waiters.append(waiter)
        return waiter

    def _end_of_turn(self, correlation_id: Optional[str]) -> None:
        waiters, self._turn_waiters = self._turn_waiters or [], None

        def done(result: Any) -> None:
            for waiter in waiters:
                if isinstance(result, Failure):
                    waiter.errback(result)
                else:
                    waiter.callback(None)

        super()._save(correlation_id).addBoth(done)



class IdentifiableFilePersistence(FilePersistence, IdentifiableMemoryPersistence):
    """
    An L{IdentifiableMemoryPersistence} (items keyed by C{id}) kept in a JSON
    file and its change log, as L{FilePersistence} describes.
    """

    _logs_changes = True
