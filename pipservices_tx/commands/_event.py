# -*- test-case-name: tests.commands.test_event -*-
"""Event: a named notification and its listeners."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, DeferredList, succeed
from twisted.python.failure import Failure
from zope.interface import implementer

from ._interfaces import IEvent, IEventListener
from ._invoke import invoke


@implementer(IEvent)
class Event:
    """
    Calls each listener's C{on_event} in subscription order. Every listener
    is called even when an earlier one fails; the Deferred of L{notify} fires
    once all are done and fails with the first failure (portable, as for a
    command: other errors become InvocationException C{EXEC_FAILED}).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._listeners: list[IEventListener] = []

    def __repr__(self) -> str:
        return f"Event({self.name!r})"

    @property
    def listeners(self) -> list[IEventListener]:
        return list(self._listeners)

    def add_listener(self, listener: IEventListener) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def remove_listener(self, listener: IEventListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def notify(self, correlation_id: Optional[str], args: Optional[dict[str, Any]]) -> Deferred[None]:
        if args is None:
            args = {}
        pending: list[Deferred[Any]] = []
        for listener in list(self._listeners):
            result = invoke("event", self.name, correlation_id, listener.on_event, correlation_id, self, args)
            if not result.called or isinstance(result.result, Failure):
                pending.append(result)
        if not pending:
            return succeed(None)
        if len(pending) == 1:
            return pending[0].addCallback(lambda _: None)
        return DeferredList(pending, consumeErrors=True).addCallback(_first_failure)


def _first_failure(results: list[tuple[bool, Any]]) -> Optional[Failure]:
    for succeeded, value in results:
        if not succeeded:
            return value  # type: ignore[no-any-return]
    return None
