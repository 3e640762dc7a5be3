"""with_reactor: the documented way a test puts a component on its clock."""

from __future__ import annotations

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import MemoryCache
from pipservices_tx.counters import LogCounters
from pipservices_tx.lifecycle import IReactorAware
from pipservices_tx.services import HttpEndpoint
from pipservices_tx.testing import with_reactor


class WithReactorTests(SynchronousTestCase):
    def test_the_frameworks_components_take_it_through_set_reactor(self) -> None:
        clock = Clock()
        for component in (HttpEndpoint(), LogCounters(), MemoryCache()):
            self.assertTrue(IReactorAware.providedBy(component), component)
            self.assertIs(with_reactor(component, clock), component)
            self.assertIs(component.reactor, clock)

    def test_a_component_that_cannot_take_a_reactor_is_an_error(self) -> None:
        self.assertRaises(TypeError, with_reactor, object(), Clock())

    def test_the_cache_expires_on_the_given_clock(self) -> None:
        clock = Clock()
        cache = with_reactor(MemoryCache(), clock)
        self.successResultOf(cache.store(None, "k", "v", 1000))
        clock.advance(0.5)
        self.assertEqual(self.successResultOf(cache.retrieve(None, "k")), "v")
        clock.advance(0.6)
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "k")))
