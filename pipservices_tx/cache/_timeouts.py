# -*- test-case-name: tests.cache.test_memory_cache -*-
"""Helpers shared by the caches: entry timeouts and bounded calls."""

from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar

from twisted.internet.defer import Deferred, TimeoutError
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure

from ..errors import ApplicationException

T = TypeVar("T")

DEFAULT_ENTRY_TIMEOUT_MS = 60000


def entry_timeout_ms(timeout: Optional[int], default_ms: int) -> int:
    """The ttl of an entry: C{timeout} when positive, else the component's default."""
    if timeout is None or timeout <= 0:
        return default_ms
    return int(timeout)


def bounded(
    d: Deferred[T],
    seconds: float,
    clock: IReactorTime,
    on_timeout: Callable[[], ApplicationException],
    on_error: Callable[[Failure], Any],
) -> Deferred[T]:
    """
    Cancels C{d} after C{seconds} and turns the timeout into C{on_timeout()};
    any other failure goes through C{on_error}, which returns or raises.
    """
    d.addTimeout(seconds, clock)

    def failed(failure: Failure) -> Any:
        if failure.check(TimeoutError):
            raise on_timeout()
        return on_error(failure)

    return d.addErrback(failed)
