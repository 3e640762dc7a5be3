# -*- test-case-name: tests.counters.test_counter -*-
"""The kinds of counter, numbered as in every Pip.Services language."""

from __future__ import annotations

import enum


class CounterType(enum.IntEnum):
    """Interval 0, LastValue 1, Statistics 2, Timestamp 3, Increment 4."""

    INTERVAL = 0
    LAST_VALUE = 1
    STATISTICS = 2
    TIMESTAMP = 3
    INCREMENT = 4
