"""The counters contract components measure themselves through."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from zope.interface import Interface

if TYPE_CHECKING:
    from ._timing import CounterTiming


class ICounters(Interface):
    """
    Records measurements by name (C{<base_route>.<command>.exec_time}...).
    Called on the hot path of every request: plain calls, no Deferreds.
    """

    def begin_timing(name: str) -> CounterTiming:
        """Starts timing; C{end_timing()} on the result records an Interval in ms."""

    def stats(name: str, value: float) -> None:
        """Adds C{value} to a Statistics counter (count, min, max, average)."""

    def last(name: str, value: float) -> None:
        """Sets a LastValue counter."""

    def timestamp_now(name: str) -> None:
        """Sets a Timestamp counter to the current time."""

    def timestamp(name: str, value: datetime.datetime) -> None:
        """Sets a Timestamp counter to C{value}."""

    def increment_one(name: str) -> None:
        """Adds one to an Increment counter."""

    def increment(name: str, value: int) -> None:
        """Adds C{value} to an Increment counter."""


class ITimingCallback(Interface):
    """What a L{CounterTiming} reports to when it ends."""

    def end_timing(name: str, elapsed: float) -> None:
        """Records C{elapsed} milliseconds for the Interval counter C{name}."""
