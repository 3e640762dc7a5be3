# -*- test-case-name: tests.lifecycle.test_reactor -*-
"""ReactorAware: the one way a component gets the reactor it schedules and connects with."""

from __future__ import annotations

from typing import Optional

from twisted.internet.interfaces import IReactorTime
from zope.interface import implementer

from ._interfaces import IReactorAware


def global_reactor() -> IReactorTime:
    """The process's reactor, imported on first use so that importing a module never installs one."""
    from twisted.internet import reactor

    return reactor  # type: ignore[return-value]


@implementer(IReactorAware)
class ReactorAware:
    """
    Mixin for components that touch time or the network. The container calls
    C{set_reactor} on every component it builds (with the reactor it was given,
    a test's C{MemoryReactorClock} included); a component used on its own falls
    back to the global reactor the first time it asks for C{self.reactor}.
    Use C{cast(IReactorTCP, self.reactor)} (and the like) where more than time is needed.
    """

    _reactor: Optional[IReactorTime] = None

    def set_reactor(self, reactor: IReactorTime) -> None:
        self._reactor = reactor

    @property
    def reactor(self) -> IReactorTime:
        if self._reactor is None:
            self._reactor = global_reactor()
        return self._reactor
