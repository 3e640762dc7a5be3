# -*- test-case-name: tests.logic.test_caching_decorator -*-
"""InFlight: cache operations on their way, by key, for a later operation to wait for."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from twisted.internet.defer import Deferred, DeferredList, succeed


class InFlight:
    """
    Remembers the Deferreds of operations (a store, a removal) until they
    fire. A pooled client may send two operations on two connections, where
    the later one can land first: waiting for L{landed} before sending the
    later one keeps their order.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, list[Deferred[None]]] = {}

    def add(self, key: str, d: Deferred[Any]) -> Deferred[Any]:
        """Tracks C{d} under C{key} until it fires; returns C{d}, its result untouched."""
        landed: Deferred[None] = Deferred()
        self._by_key.setdefault(key, []).append(landed)

        def settled(result: Any) -> Any:
            pending = self._by_key.get(key)
            if pending is not None:
                pending.remove(landed)
                if not pending:
                    del self._by_key[key]
            landed.callback(None)
            return result

        return d.addBoth(settled)

    def keys(self) -> list[str]:
        """The keys with an operation on its way."""
        return list(self._by_key)

    def landed(self, keys: Optional[Iterable[str]] = None) -> Deferred[None]:
        """Fires once every operation on its way now (of C{keys}, or of any key) has fired; never fails."""
        chosen = self._by_key if keys is None else keys
        waiting = [d for key in chosen for d in self._by_key.get(key, ())]
        if not waiting:
            return succeed(None)
        return DeferredList(waiting).addCallback(lambda _: None)
