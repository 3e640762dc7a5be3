"""give_reactor: IReactorAware first, else the None-valued _reactor and _clock attributes."""

from __future__ import annotations

from typing import Any

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.cache import MemoryCache
from pipservices_tx.counters import LogCounters
from pipservices_tx.services import HttpEndpoint
from pipservices_tx.testing import IReactorAware, give_reactor

from ._components import AwareProbe, Probe


class Plain:
    """Neither hook nor attributes."""


class AwareWithAttributes(AwareProbe):
    def __init__(self) -> None:
        super().__init__()
        self._reactor: Any = None


class GiveReactorTests(SynchronousTestCase):
    def test_reactor_aware_gets_set_reactor_and_nothing_else(self) -> None:
        clock = Clock()
        component = AwareWithAttributes()
        verifyObject(IReactorAware, component)
        self.assertTrue(give_reactor(component, clock))
        self.assertIs(component.reactor, clock)
        self.assertIsNone(component._reactor)

    def test_none_valued_attributes_are_set(self) -> None:
        clock = Clock()
        probe = Probe()
        self.assertTrue(give_reactor(probe, clock))
        self.assertIs(probe._reactor, clock)
        self.assertIs(probe._clock, clock)

    def test_a_reactor_chosen_by_a_factory_is_kept(self) -> None:
        chosen, clock = Clock(), Clock()
        probe = Probe(reactor=chosen)
        self.assertTrue(give_reactor(probe, clock))
        self.assertIs(probe._reactor, chosen)
        self.assertIs(probe._clock, clock)
        self.assertFalse(give_reactor(Probe(reactor=chosen, clock=chosen), clock))

    def test_a_component_without_either_is_left_alone(self) -> None:
        plain = Plain()
        self.assertFalse(give_reactor(plain, Clock()))
        self.assertEqual(vars(plain), {})

    def test_the_frameworks_components_take_it(self) -> None:
        clock = Clock()
        for component in (HttpEndpoint(), LogCounters(), MemoryCache()):
            self.assertTrue(give_reactor(component, clock), type(component).__name__)

    def test_memory_cache_then_expires_on_the_given_clock(self) -> None:
        clock = Clock()
        cache = MemoryCache()
        give_reactor(cache, clock)
        self.successResultOf(cache.store(None, "k", "v", 1000))
        self.assertEqual(self.successResultOf(cache.retrieve(None, "k")), "v")
        clock.advance(1.5)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "k")))
