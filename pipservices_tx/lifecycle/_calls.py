# -*- test-case-name: tests.lifecycle.test_calls -*-
"""Helpers that open, close, run and notify components in order."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

from twisted.internet.defer import Deferred, ensureDeferred, maybeDeferred

from ._interfaces import ICleanable, IClosable, IExecutable, INotifiable, IOpenable


def call_maybe_async(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Deferred[Any]:
    """Calls C{fn}; a plain value, a Deferred or a coroutine all come back as a Deferred."""
    return maybeDeferred(fn, *args, **kwargs)


async def _each(components: Iterable[Any], interface: Any, method: str, *args: Any) -> list[Any]:
    results = []
    for component in components:
        if interface.providedBy(component):
            results.append(await call_maybe_async(getattr(component, method), *args))
    return results


def open_all(correlation_id: Optional[str], components: Iterable[Any]) -> Deferred[list[Any]]:
    """Opens each IOpenable in order, one after the other."""
    return ensureDeferred(_each(list(components), IOpenable, "open", correlation_id))


def close_all(correlation_id: Optional[str], components: Iterable[Any]) -> Deferred[list[Any]]:
    """Closes each IClosable in the order given (pass them reversed to undo an open)."""
    return ensureDeferred(_each(list(components), IClosable, "close", correlation_id))


def execute_all(correlation_id: Optional[str], components: Iterable[Any], args: Any = None) -> Deferred[list[Any]]:
    """Executes each IExecutable in order and collects the results."""
    return ensureDeferred(_each(list(components), IExecutable, "execute", correlation_id, args))


def notify_all(correlation_id: Optional[str], components: Iterable[Any], args: Any = None) -> Deferred[list[Any]]:
    """Notifies each INotifiable in order."""
    return ensureDeferred(_each(list(components), INotifiable, "notify", correlation_id, args))


def clear_all(correlation_id: Optional[str], components: Iterable[Any]) -> Deferred[list[Any]]:
    """Clears each ICleanable in order."""
    return ensureDeferred(_each(list(components), ICleanable, "clear", correlation_id))
