# -*- test-case-name: tests.lifecycle.test_backoff -*-
"""The one retry and reconnect delay policy: exponential, capped, with jitter."""

from __future__ import annotations

import random as _random
from typing import Callable

BackoffPolicy = Callable[[int], float]
"""Seconds to wait before attempt C{n} (0 for the first retry)."""


def backoff(
    initial: float,
    maximum: float,
    factor: float = 2.0,
    jitter: float = 0.1,
    random: Callable[[], float] = _random.random,
) -> BackoffPolicy:
    """
    Twisted's C{backoffPolicy} (C{initial * factor ** n}, capped at
    C{maximum}) with proportional jitter: each wait is shortened by up to
    C{jitter} of itself, so many clients that failed together do not retry
    together, and no wait is ever longer than the nominal one. C{jitter=0}
    gives the exact schedule; C{random} can be seeded for tests.
    """
    # Imported here: twisted.application.internet brings automat, which a process that never retries does not need.
    from twisted.application.internet import backoffPolicy

    nominal = backoffPolicy(initial, maximum, factor, jitter=lambda: 0.0)
    spread = min(max(jitter, 0.0), 1.0)

    def policy(attempt: int) -> float:
        delay = float(nominal(max(attempt, 0)))
        return delay * (1.0 - spread * random()) if spread else delay

    return policy
