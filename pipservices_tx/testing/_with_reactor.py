# -*- test-case-name: tests.testing.test_with_reactor -*-
"""with_reactor: a component on a test's clock in one expression."""

from __future__ import annotations

from typing import TypeVar

from twisted.internet.interfaces import IReactorTime

from ..lifecycle import IReactorAware

T = TypeVar("T")


def with_reactor(component: T, reactor: IReactorTime) -> T:
    """
    C{component} after C{component.set_reactor(reactor)}, the one way a
    component takes a reactor (the container does the same for every
    component it builds). A component that does not provide
    L{IReactorAware} is a TypeError: it would silently keep the real clock.
    """
    if not IReactorAware.providedBy(component):
        raise TypeError(f"{type(component).__name__} does not provide IReactorAware")
    component.set_reactor(reactor)  # type: ignore[attr-defined]
    return component
