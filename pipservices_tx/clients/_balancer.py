# -*- test-case-name: tests.clients.test_balancer -*-
"""The balancing strategies: which of the instances that may take a call gets it."""

from __future__ import annotations

import random
from typing import Protocol, Sequence, TypeVar

from ..errors import ConfigException


class Loaded(Protocol):
    """What a strategy looks at: the calls an instance has in flight."""

    outstanding: int


T = TypeVar("T", bound=Loaded)


class Balancer:
    """
    Picks one of C{candidates} (never empty), a subsequence of C{instances},
    which is every instance in a stable order (so that a strategy can take
    turns among instances that come and go).
    """

    name = "abstract"

    def choose(self, instances: Sequence[T], candidates: Sequence[T]) -> T:
        raise NotImplementedError()


class RoundRobin(Balancer):
    """Each in turn: the first candidate after the one chosen last."""

    name = "round_robin"

    def __init__(self) -> None:
        self._next = 0

    def choose(self, instances: Sequence[T], candidates: Sequence[T]) -> T:
        count = len(instances)
        for step in range(count):
            position = (self._next + step) % count
            if instances[position] in candidates:
                self._next = (position + 1) % count
                return instances[position]
        return candidates[0]


class RandomChoice(Balancer):
    """One at random, each as likely."""

    name = "random"

    def __init__(self, rng: random.Random | None = None) -> None:
        self._rng = rng or random.Random()

    def choose(self, instances: Sequence[T], candidates: Sequence[T]) -> T:
        return candidates[self._rng.randrange(len(candidates))]


class LeastOutstanding(Balancer):
    """The one with the fewest calls in flight; ties in turn."""

    name = "least_outstanding"

    def __init__(self) -> None:
        self._turn = RoundRobin()

    def choose(self, instances: Sequence[T], candidates: Sequence[T]) -> T:
        fewest = min(c.outstanding for c in candidates)
        return self._turn.choose(instances, [c for c in candidates if c.outstanding == fewest])


BALANCERS: dict[str, type[Balancer]] = {cls.name: cls for cls in (RoundRobin, RandomChoice, LeastOutstanding)}


def make_balancer(name: str) -> Balancer:
    """C{round_robin}, C{random} or C{least_outstanding} (dashes and case do not matter)."""
    cls = BALANCERS.get(name.strip().lower().replace("-", "_"))
    if cls is None:
        raise ConfigException(
            None, "BAD_BALANCING", f"options.balancing must be one of {', '.join(BALANCERS)}, not '{name}'"
        ).with_details("balancing", name)
    return cls()
