# -*- test-case-name: tests.messaging.test_memory_queue -*-
"""MemoryMessageQueue: a queue in the process's memory, for tests and for components in one process."""

from __future__ import annotations

import itertools
import weakref
from typing import Any, Optional

from twisted.internet.defer import Deferred

from ..config import ConfigParams
from ._capabilities import MessagingCapabilities
from ._envelope import MessageEnvelope
from ._inbox import Inbox
from ._message_queue import MessageQueue

DEFAULT_LOCK_TIMEOUT_MS = 30000

_shared_stores: weakref.WeakValueDictionary[str, _MemoryStore] = weakref.WeakValueDictionary()
_tokens = itertools.count(1)


class _MemoryStore:
    """The messages of one memory queue: those ready and those locked by a receiver."""

    def __init__(self, clock: Any) -> None:
        self.ready: Inbox[MessageEnvelope] = Inbox(clock)
        self.locked: dict[int, tuple[MessageEnvelope, Any]] = {}

    def unlock(self, token: Any) -> Optional[MessageEnvelope]:
        entry = self.locked.pop(token, None)
        if entry is None:
            return None
        if entry[1].active():
            entry[1].cancel()
        return entry[0]

    def clear(self) -> None:
        self.ready.clear()
        for token in list(self.locked):
            self.unlock(token)


def _copy(envelope: MessageEnvelope) -> MessageEnvelope:
    return MessageEnvelope(
        envelope.correlation_id, envelope.message_type, envelope.message,
        message_id=envelope.message_id, sent_time=envelope.sent_time, reply_to=envelope.reply_to,
    )


def shared_memory_store(name: str, clock: Any) -> _MemoryStore:
    """The store of the memory queue called C{name} in this process, created on first use."""
    store = _shared_stores.get(name)
    if store is None:
        store = _shared_stores[name] = _MemoryStore(clock)
    return store


class MemoryMessageQueue(MessageQueue):
    """
    Messages kept in memory, with every operation of a queue. A received
    message is locked for C{options.lock_timeout} ms (30000 by default) and
    comes back to the queue when that lock runs out before C{complete}. Dead
    letters go to the memory queue C{options.dead_letter} (C{<name>.dead_letter}
    by default).

    Each queue has its own messages, unless it is configured with
    C{connection.uri: memory:///<name>}: the queues of one process named by
    such a URI are the same queue, as if on an in-process broker (how
    C{EVENTS_URI=memory:///beacons.events} reaches a subscriber in tests).
    """

    capabilities = MessagingCapabilities(
        can_message_count=True, can_peek=True, can_peek_batch=True, can_renew_lock=True,
        can_abandon=True, can_dead_letter=True, can_clear=True,
    )

    def __init__(self, name: Optional[str] = None) -> None:
        super().__init__(name)
        self.lock_timeout_ms = DEFAULT_LOCK_TIMEOUT_MS
        self._shared = False
        self._store: Optional[_MemoryStore] = None
        self._dead_letter_name: Optional[str] = None
        self._locks: set[int] = set()

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        uri = config.get_as_nullable_string("connection.uri") or ""
        if uri.startswith("memory:"):
            self._shared = True
            name = uri.split(":", 1)[1].lstrip("/")
            self._name = config.get_as_nullable_string("name") or name or self._name
        self.lock_timeout_ms = max(1, config.get_as_integer_with_default("options.lock_timeout", self.lock_timeout_ms))
        self._dead_letter_name = config.get_as_nullable_string("options.dead_letter")

    @property
    def dead_letter_name(self) -> str:
        return self._dead_letter_name or f"{self.get_name()}.dead_letter"

    @property
    def store(self) -> _MemoryStore:
        if self._store is None:
            self._store = shared_memory_store(self.get_name(), self.reactor) if self._shared \
                else _MemoryStore(self.reactor)
        return self._store

    def _open(self, correlation_id: Optional[str], connection: Any, credential: Any) -> None:
        _ = self.store

    def _close(self, correlation_id: Optional[str]) -> None:
        """Waiting receivers get None; messages still locked by this queue go back, as on a broker."""
        if self._store is not None:
            self._store.ready.release_waiting()
            for token in sorted(self._locks, reverse=True):
                envelope = self._store.unlock(token)
                if envelope is not None:
                    envelope.reference = None
                    self._store.ready.put_back(_copy(envelope))
        self._locks.clear()

    def _send(self, correlation_id: Optional[str], envelope: MessageEnvelope) -> None:
        self.store.ready.put(_copy(envelope))

    def _send_to(self, correlation_id: Optional[str], destination: str, envelope: MessageEnvelope) -> None:
        shared_memory_store(destination, self.reactor).ready.put(_copy(envelope))

    def create_reply_queue(self) -> MessageQueue:
        queue = MemoryMessageQueue()
        queue.configure(ConfigParams.from_tuples("connection.uri", f"memory:///{self.get_name()}.replies.{next(_tokens)}"))
        return queue

    def _receive(self, correlation_id: Optional[str], wait_ms: int) -> Deferred[Optional[MessageEnvelope]]:
        return self.store.ready.take(wait_ms / 1000.0).addCallback(self._lock)

    def _lock(self, envelope: Optional[MessageEnvelope]) -> Optional[MessageEnvelope]:
        if envelope is None:
            return None
        token = next(_tokens)
        envelope.reference = token
        store = self.store
        self._locks.add(token)
        store.locked[token] = (envelope, self.reactor.callLater(self.lock_timeout_ms / 1000.0, self._expire, token))
        return envelope

    def _poll_for_listener(self) -> Optional[MessageEnvelope]:
        envelope = self.store.ready.take_now()
        return None if envelope is None else self._received(self._lock(envelope))

    def _expire(self, token: int) -> None:
        self._locks.discard(token)
        envelope = self.store.locked.pop(token, (None, None))[0]
        if envelope is not None:
            envelope.reference = None
            self.store.ready.put_back(_copy(envelope))

    def _peek_batch(self, correlation_id: Optional[str], count: int) -> list[MessageEnvelope]:
        return [_copy(envelope) for envelope in self.store.ready.peek(count)]

    def _read_message_count(self) -> int:
        return len(self.store.ready)

    def _renew_lock(self, envelope: MessageEnvelope, lock_timeout_ms: int) -> None:
        entry = self.store.locked.get(envelope.reference)
        if entry is not None:
            timer = entry[1]
            if timer.active():
                timer.reset(max(1, lock_timeout_ms) / 1000.0)

    def _unlock(self, envelope: MessageEnvelope) -> Optional[MessageEnvelope]:
        self._locks.discard(envelope.reference)
        return self.store.unlock(envelope.reference)

    def _complete(self, envelope: MessageEnvelope) -> None:
        self._unlock(envelope)
        envelope.reference = None

    def _abandon(self, envelope: MessageEnvelope) -> None:
        if self._unlock(envelope) is not None:
            self.store.ready.put_back(_copy(envelope))
        envelope.reference = None

    def _move_to_dead_letter(self, envelope: MessageEnvelope) -> None:
        if self._unlock(envelope) is not None:
            dead = shared_memory_store(self.dead_letter_name, self.reactor) if self._shared \
                else self._private_dead_letters
            dead.ready.put(_copy(envelope))
        envelope.reference = None

    @property
    def _private_dead_letters(self) -> _MemoryStore:
        store = getattr(self, "_dead_letters", None)
        if store is None:
            store = self._dead_letters = _MemoryStore(self.reactor)
        return store

    def dead_letters(self) -> list[MessageEnvelope]:
        """The messages this queue moved to its dead-letter queue and nobody received yet."""
        store = shared_memory_store(self.dead_letter_name, self.reactor) if self._shared \
            else self._private_dead_letters
        return [_copy(envelope) for envelope in store.ready.peek(len(store.ready))]

    def _clear(self, correlation_id: Optional[str]) -> None:
        self.store.clear()
