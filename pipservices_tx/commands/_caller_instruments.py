# -*- test-case-name: tests.logic.test_instrument_once -*-
"""Who counts a call: the outermost layer that instruments it, and only that one."""

from __future__ import annotations

from contextvars import ContextVar

_instrumented = ContextVar("pipservices_tx_caller_instruments", default=False)


class caller_instruments:  # noqa: N801 (used as a function: with caller_instruments(): ...)
    """
    Wraps the synchronous start of a command a service (REST, Seneca, a
    queue...) has already counted, timed and will log on failure: the
    command's own instrumenting interceptor then lets the call through, so
    each call produces one set of counters and one error line. (A class, not
    a generator: it wraps every request.)
    """

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _instrumented.set(True)

    def __exit__(self, *exc_info: object) -> None:
        _instrumented.reset(self._token)


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
