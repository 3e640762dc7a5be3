# -*- test-case-name: tests.lifecycle.test_backoff -*-
"""Backoff: the one formula for how long to wait before trying again, with jitter."""

from __future__ import annotations

import random
from typing import Callable

from attrs import field, frozen


def _fraction(instance: object, attribute: object, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"jitter must be between 0 and 1, not {value}")


@frozen
class Backoff:
    """
    Waits that grow exponentially: before try C{n} (0 first) the nominal wait
    is C{min(initial * multiplier ** n, maximum)} milliseconds; the actual
    wait takes a random share of up to C{jitter} off it, so that clients that
    failed together do not come back together. C{jitter} 0 gives the nominal
    waits exactly (what tests on a fake clock use).

    Client retries, circuit breakers, the retry decorator and the memcached
    cache's dead servers all wait this way.
    """

    initial: float = 100.0
    maximum: float = 5000.0
    multiplier: float = 2.0
    jitter: float = field(default=0.2, validator=_fraction)

    def nominal(self, n: int) -> float:
        """Seconds before try C{n}, without jitter."""
        exponent = min(max(n, 0), 64)
        return max(0.0, min(self.initial * self.multiplier ** exponent, self.maximum)) / 1000.0

    def delay(self, n: int, rand: Callable[[], float] = random.random) -> float:
        """Seconds before try C{n}: the nominal wait less a random share of up to C{jitter}."""
        return self.nominal(n) * (1.0 - self.jitter * rand())
