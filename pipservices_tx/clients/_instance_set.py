# -*- test-case-name: tests.clients.test_balancing -*-
"""InstanceSet: the instances a client may call, their circuits, and which one takes the next call."""

from __future__ import annotations

from typing import Any, Callable, Collection, Iterable, Optional

from attrs import frozen
from twisted.internet import defer
from twisted.internet.interfaces import IReactorTime

from ..counters import CompositeCounters
from ..errors import ConnectionException, InvalidStateException
from ..logs import CompositeLogger
from ._balancer import Balancer
from ._circuit_breaker import BreakerPolicy, CircuitBreaker, CircuitState


@frozen
class Target:
    """Where one instance is: its base URL and, when resolved apart, the IP address to connect to."""

    base_url: str
    address: Optional[str] = None

    def __str__(self) -> str:
        return self.base_url if self.address is None else f"{self.base_url} ({self.address})"


class Instance:
    """One instance: how to call it (an HTTP client, maybe over a pool of its own), its circuit, its load."""

    __slots__ = ("target", "client", "pool", "breaker", "outstanding")

    def __init__(self, target: Target, client: Any, pool: Any, breaker: CircuitBreaker) -> None:
        self.target = target
        self.client = client
        self.pool = pool
        self.breaker = breaker
        self.outstanding = 0

    @property
    def base_url(self) -> str:
        return self.target.base_url

    def close_idle(self) -> defer.Deferred[Any]:
        """Closes the idle pooled connections (calls in flight finish)."""
        if self.pool is None:
            return defer.succeed(None)
        d: defer.Deferred[Any] = self.pool.closeCachedConnections()
        return d

    def __repr__(self) -> str:
        return f"<Instance {self.target} {self.breaker.state.value} outstanding={self.outstanding}>"


MakeClient = Callable[[Target], tuple[Any, Any]]
"""Makes the HTTP client (and its pool, or None) of a target."""


class InstanceSet:
    """
    The instances of one client. L{replace} follows discovery: instances that
    stay keep their circuit and pool, new ones come in closed, gone ones
    lose their idle connections (calls in flight finish). L{pick} asks the
    balancer among the instances whose circuit lets a call through; when
    every circuit is open it asks among all of them, so that breakers only
    ever steer calls, never refuse them.

    Counters (C{name} is the client's base route): C{<name>.instances} and
    C{<name>.open_circuits} (last values), C{<name>.instance_ejections}
    (each time a circuit opens).
    """

    def __init__(
        self,
        name: str,
        make_client: MakeClient,
        balancer: Balancer,
        breaker_policy: BreakerPolicy,
        clock: IReactorTime,
        logger: CompositeLogger,
        counters: CompositeCounters,
    ) -> None:
        self._prefix = f"{name}." if name else ""
        self._make_client = make_client
        self._balancer = balancer
        self._breaker_policy = breaker_policy
        self._clock = clock
        self._logger = logger
        self._counters = counters
        self._instances: list[Instance] = []
        self._closed = False

    @property
    def instances(self) -> list[Instance]:
        return list(self._instances)

    @property
    def targets(self) -> list[Target]:
        return [i.target for i in self._instances]

    # -- membership -------------------------------------------------------------

    def replace(self, targets: Iterable[Target]) -> None:
        """Makes C{targets} the instances, in order, each once."""
        if self._closed:
            return
        wanted = list(dict.fromkeys(targets))
        current = {i.target: i for i in self._instances}
        updated = [current.get(t) or self._new(t) for t in wanted]
        gone = [i for i in self._instances if i.target not in set(wanted)]
        added = [i for i in updated if i.target not in current]
        self._instances = updated
        for instance in gone:
            instance.close_idle()
        if added or gone:
            self._logger.info(
                None, "%sinstances: %d (+%s, -%s)", self._prefix, len(updated),
                ", ".join(str(i.target) for i in added) or "none", ", ".join(str(i.target) for i in gone) or "none",
            )
            self._counters.last(self._prefix + "instances", len(updated))
            self._count_open()

    def _new(self, target: Target) -> Instance:
        client, pool = self._make_client(target)
        return Instance(target, client, pool, CircuitBreaker(self._breaker_policy, self._clock))

    def close(self) -> defer.Deferred[Any]:
        """Forgets every instance and closes their idle connections; L{pick} fails from now on."""
        self._closed = True
        instances, self._instances = self._instances, []
        return defer.gatherResults([i.close_idle() for i in instances], consumeErrors=True)

    # -- choosing -----------------------------------------------------------------

    def pick(self, exclude: Collection[Instance] = ()) -> Optional[Instance]:
        """
        The instance for the next attempt, not one of C{exclude}; None when
        there is none left. Raises when the client is closed or knows no instance.
        """
        if self._closed:
            raise InvalidStateException(None, "NOT_OPENED", "The client was closed")
        if not self._instances:
            raise ConnectionException(None, "NO_INSTANCES", "No instance of the service is known")
        available = [i for i in self._instances if i.breaker.available()] or self._instances
        candidates = [i for i in available if i not in exclude]
        if not candidates:
            return None
        chosen = self._balancer.choose(self._instances, candidates)
        chosen.breaker.begin()
        chosen.outstanding += 1
        return chosen

    # -- outcomes -------------------------------------------------------------------

    def succeeded(self, instance: Instance) -> None:
        instance.outstanding -= 1
        if instance.breaker.succeeded():
            self._logger.info(None, "%s%s answers again: back in rotation", self._prefix, instance.target)
            self._count_open()

    def failed(self, instance: Instance, reason: object) -> None:
        instance.outstanding -= 1
        breaker = instance.breaker
        if breaker.failed():
            wait = max(0.0, breaker.open_until - self._clock.seconds())
            self._logger.warn(
                None, "%s%s ejected after %d failure(s) in a row (%s); trial call in %.2f s",
                self._prefix, instance.target, breaker.failures, reason, wait,
            )
            self._counters.increment_one(self._prefix + "instance_ejections")
            self._count_open()
            instance.close_idle()

    def released(self, instance: Instance) -> None:
        instance.outstanding -= 1
        instance.breaker.released()

    def _count_open(self) -> None:
        opened = sum(1 for i in self._instances if i.breaker.state is not CircuitState.CLOSED)
        self._counters.last(self._prefix + "open_circuits", opened)
