# -*- test-case-name: tests.logic.test_instrument_once -*-
"""Who counts a call: the outermost layer that instruments it, and only that one."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

_instrumented = ContextVar("pipservices_tx_caller_instruments", default=False)


@contextmanager
def caller_instruments() -> Iterator[None]:
    """
    Wraps the synchronous start of a command a service (REST, Seneca, a
    queue...) has already counted, timed and will log on failure: the
    command's own instrumenting interceptor then lets the call through, so
    each call produces one set of counters and one error line.
    """
    token = _instrumented.set(True)
    try:
        yield
    finally:
        _instrumented.reset(token)


def take_caller_instruments() -> bool:
    """
    True when the call being started is instrumented by its caller. Clears
    the mark for what the command calls in turn (a nested command of another
    component is counted as usual).
    """
    if not _instrumented.get():
        return False
    _instrumented.set(False)
    return True
