# -*- test-case-name: tests.testing.test_reactor_injection -*-
"""give_reactor: hands the test reactor to a component built by a factory."""

from __future__ import annotations

from typing import Any

from ..lifecycle import IReactorAware

REACTOR_ATTRIBUTES = ("_reactor", "_clock")
"""
The attributes the framework's components keep their injected C{reactor=} or
C{clock=} constructor argument in; None means "the global reactor, later".
"""


def give_reactor(component: Any, reactor: Any) -> bool:
    """
    Makes C{component} use C{reactor}; True when it took it.

    Factories build components with no arguments, so the reactor a test wants
    cannot go through the constructor. Two ways in, in this order:

      1. a component that provides L{IReactorAware} gets C{set_reactor(reactor)};
      2. otherwise each of the attributes C{_reactor} and C{_clock} that the
         component has and that is still None is set to C{reactor}. That is
         where every framework component stores its optional C{reactor=} /
         C{clock=} argument before it falls back to the global reactor; a
         value a factory already chose is never overwritten.

    Objects a component creates for itself later (a client's connection
    pool...) get the reactor only when the component passes its own along,
    as the framework's components do.
    """
    if IReactorAware.providedBy(component):
        component.set_reactor(reactor)
        return True
    took = False
    for name in REACTOR_ATTRIBUTES:
        if hasattr(component, name) and getattr(component, name) is None:
            setattr(component, name, reactor)
            took = True
    return took
