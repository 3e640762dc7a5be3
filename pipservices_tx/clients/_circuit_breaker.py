# -*- test-case-name: tests.clients.test_circuit_breaker -*-
"""CircuitBreaker: takes an instance that keeps failing out of rotation, and lets one trial call bring it back."""

from __future__ import annotations

import enum

from attrs import frozen
from twisted.internet.interfaces import IReactorTime

from ..lifecycle import backoff


class CircuitState(enum.Enum):
    CLOSED = "closed"
    """In rotation."""
    OPEN = "open"
    """Out of rotation until its wait is over."""
    HALF_OPEN = "half-open"
    """One trial call in flight decides: closed again, or open for longer."""


@frozen
class BreakerPolicy:
    """
    C{failure_threshold} failures in a row open the circuit (0: never);
    the open circuit waits C{open_time} ms before its trial call, doubled
    each time it opens again without closing in between, up to
    C{max_open_time}, less up to C{jitter} of it at random (L{backoff}).
    """

    failure_threshold: int = 5
    open_time: int = 1000
    max_open_time: int = 30000
    jitter: float = 0.1

    def wait(self, openings: int) -> float:
        """Seconds an open circuit waits after it opened for the C{openings + 1}-th time in a row."""
        return backoff(self.open_time / 1000.0, self.max_open_time / 1000.0, jitter=self.jitter)(openings)


class CircuitBreaker:
    """
    The health of one instance as its calls see it: closed (in rotation),
    open (skipped until the wait is over), half-open (one trial call allowed:
    its success closes the circuit, its failure opens it for longer).
    A success resets the count of failures in a row.
    """

    __slots__ = ("_policy", "_clock", "state", "failures", "openings", "open_until", "_trial")

    def __init__(self, policy: BreakerPolicy, clock: IReactorTime) -> None:
        self._policy = policy
        self._clock = clock
        self.state = CircuitState.CLOSED
        self.failures = 0
        self.openings = 0
        self.open_until = 0.0
        self._trial = False

    def available(self) -> bool:
        """Whether a call may go to this instance now (an open circuit past its wait allows the trial)."""
        if self.state is CircuitState.CLOSED:
            return True
        if self.state is CircuitState.OPEN:
            return self._clock.seconds() >= self.open_until
        return not self._trial

    def begin(self) -> None:
        """A call goes to this instance: past its wait, an open circuit turns half-open for it."""
        if self.state is CircuitState.OPEN and self._clock.seconds() >= self.open_until:
            self.state = CircuitState.HALF_OPEN
        if self.state is CircuitState.HALF_OPEN:
            self._trial = True

    def succeeded(self) -> bool:
        """The instance answered; True when that closed the circuit."""
        self.failures = 0
        self._trial = False
        if self.state is CircuitState.CLOSED:
            return False
        self.state = CircuitState.CLOSED
        self.openings = 0
        return True

    def failed(self) -> bool:
        """The instance failed a call; True when that opened the circuit."""
        self.failures += 1
        if self.state is CircuitState.HALF_OPEN:
            self._trial = False
            self._open()
            return True
        threshold = self._policy.failure_threshold
        if self.state is CircuitState.CLOSED and threshold > 0 and self.failures >= threshold:
            self._open()
            return True
        return False

    def released(self) -> None:
        """A call ended without a verdict (cancelled): another trial may go."""
        self._trial = False

    def _open(self) -> None:
        self.state = CircuitState.OPEN
        self.open_until = self._clock.seconds() + self._policy.wait(self.openings)
        self.openings += 1
