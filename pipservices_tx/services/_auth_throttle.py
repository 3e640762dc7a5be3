# -*- test-case-name: tests.security.test_basic_authorizer_hashing -*-
"""FailureThrottle: token buckets of failed sign-ins per client address or user name, on the reactor's clock."""

from __future__ import annotations

from typing import Optional

#: Keys kept at most; beyond, refilled buckets go first, then the oldest.
MAX_KEYS = 10_000


class FailureThrottle:
    """
    Each key (a client address, a user name) may fail C{burst} times at once;
    a failure takes a token and tokens come back at C{burst} per C{period}
    seconds. A key without a token is refused until one comes back
    (L{retry_after}). C{burst} 0 turns the throttle off. Time is whatever the
    caller says it is (the reactor's C{seconds()}).
    """

    def __init__(self, burst: int, period: float, max_keys: int = MAX_KEYS) -> None:
        self.burst = max(int(burst), 0)
        self.period = max(float(period), 0.001)
        self.max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, as of when)

    @property
    def enabled(self) -> bool:
        return self.burst > 0

    def _tokens(self, key: str, now: float) -> Optional[float]:
        entry = self._buckets.get(key)
        if entry is None:
            return None
        tokens, since = entry
        return min(float(self.burst), tokens + max(now - since, 0.0) * self.burst / self.period)

    def retry_after(self, key: str, now: float) -> float:
        """0 when C{key} may try now, else the seconds until it may."""
        if not self.enabled:
            return 0.0
        tokens = self._tokens(key, now)
        if tokens is None or tokens >= 1.0:
            return 0.0
        return (1.0 - tokens) * self.period / self.burst

    def failed(self, key: str, now: float) -> None:
        """C{key} failed once more: it takes a token."""
        if not self.enabled:
            return
        tokens = self._tokens(key, now)
        self._buckets.pop(key, None)  # re-insert: the dict keeps the most recent last
        self._buckets[key] = ((self.burst if tokens is None else tokens) - 1.0, now)
        if len(self._buckets) > self.max_keys:
            self._prune(now)

    def _prune(self, now: float) -> None:
        for key in [k for k in self._buckets if (self._tokens(k, now) or 0.0) >= self.burst]:
            del self._buckets[key]
        while len(self._buckets) > self.max_keys:
            del self._buckets[next(iter(self._buckets))]

    def __len__(self) -> int:
        return len(self._buckets)
