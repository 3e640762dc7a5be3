# -*- test-case-name: tests.testing.test_reactor_injection -*-
"""IReactorAware: how a component asks a test harness for its reactor."""

from __future__ import annotations

from typing import Any

from zope.interface import Interface


class IReactorAware(Interface):
    """
    A component that schedules work or opens connections and wants the
    reactor of whoever hosts it. L{ContainerHarness} calls C{set_reactor}
    right after creating the component, before C{configure}, with its
    C{MemoryReactorClock}; outside tests nothing calls it and the component
    falls back to the global reactor, imported lazily.
    """

    def set_reactor(reactor: Any) -> None:
        """Use C{reactor} (an C{IReactorTime}, usually also C{IReactorTCP}) from now on."""
