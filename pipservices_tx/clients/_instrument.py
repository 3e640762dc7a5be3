# -*- test-case-name: tests.clients.test_direct_client -*-
"""The timing, counting and logging every client call goes through."""

from __future__ import annotations

from typing import Optional

from ..counters import CompositeCounters, CounterTiming
from ..logs import CompositeLogger


class InstrumentTiming:
    """
    One call in flight: counted and logged when it started, timed until
    L{end_timing} or L{end_failure}, whichever comes first (the other is
    then ignored). Failures also count C{<name>.call_errors} and log an error.
    """

    __slots__ = ("correlation_id", "name", "_logger", "_counters", "_timing")

    def __init__(
        self,
        correlation_id: Optional[str],
        name: str,
        logger: CompositeLogger,
        counters: CompositeCounters,
    ) -> None:
        self.correlation_id = correlation_id
        self.name = name
        self._logger = logger
        self._counters = counters
        logger.trace(correlation_id, "Calling %s", name)
        counters.increment_one(name + ".call_count")
        self._timing: Optional[CounterTiming] = counters.begin_timing(name + ".call_time")

    def end_timing(self) -> None:
        """Records the call time of a call that succeeded."""
        timing, self._timing = self._timing, None
        if timing is not None:
            timing.end_timing()

    def end_failure(self, error: BaseException) -> None:
        """Records the call time and the error of a call that failed."""
        timing, self._timing = self._timing, None
        if timing is None:
            return
        self._counters.increment_one(self.name + ".call_errors")
        self._logger.error(self.correlation_id, error, "Failed to call %s", self.name)
        timing.end_timing()


def counter_name(base_route: Optional[str], name: str) -> str:
    """C{v1/beacons.get_beacons}: the prefix of a call's counters (no route, just the name)."""
    return f"{base_route}.{name}" if base_route else name
