# -*- test-case-name: tests.logic.test_retry_decorator -*-
"""The clock a decorator waits on: injected, or the global reactor on first use."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.interfaces import IReactorTime


class Clocked:
    """Mixin: C{self.clock} is the injected clock, else the global reactor."""

    def __init__(self, clock: Optional[IReactorTime] = None) -> None:
        self._clock = clock

    @property
    def clock(self) -> Any:
        if self._clock is None:
            from twisted.internet import reactor

            self._clock = reactor  # type: ignore[assignment]
        return self._clock
