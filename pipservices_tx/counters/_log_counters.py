# -*- test-case-name: tests.counters.test_log_counters -*-
"""LogCounters: cached counters saved as info lines through the loggers."""

from __future__ import annotations

import json
from typing import Any

from ..logs import format_time
from ._cached_counters import CachedCounters
from ._counter import Counter


def format_counter(counter: Counter) -> str:
    """C{Counter <name> {"type": "Interval", "count": 3, ...}}: only the fields that are set."""
    fields: dict[str, Any] = {"type": counter.type.name.title().replace("_", "")}
    for key in ("last", "count", "min", "max", "average"):
        value = getattr(counter, key)
        if value is not None:
            fields[key] = value
    if counter.time is not None:
        fields["time"] = format_time(counter.time)
    return f"Counter {counter.name} {json.dumps(fields)}"


class LogCounters(CachedCounters):
    """
    Writes every counter, sorted by name, as an info line through a
    CompositeLogger. Configured like L{CachedCounters}: C{options.interval},
    C{options.reset_timeout} and C{source} (default: the context-info name).
    """

    def _save(self, counters: list[Counter]) -> None:
        for counter in sorted(counters, key=lambda c: c.name):
            self._logger.info(None, "%s", format_counter(counter))
