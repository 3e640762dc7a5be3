"""Tests for ContainerService, the one IService twistd runs."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.application.service import IService
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container, ContainerService

from ._components import recorder_factory


class FakeReactor(Clock):
    """A clock that also records how it is stopped."""

    def __init__(self, running: bool) -> None:
        super().__init__()
        self.running = running
        self.stops = 0
        self.when_running: list[Callable[[], Any]] = []
        self._exitSignal: Optional[int] = None

    def stop(self) -> None:
        self.stops += 1

    def callWhenRunning(self, fn: Callable[[], Any]) -> None:
        self.when_running.append(fn)


class ContainerServiceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.journal: list[str] = []
        self.reports: list[str] = []
        self.clock = Clock()

    def service(self, *entries: dict[str, Any], running: bool = True) -> tuple[ContainerService, FakeReactor]:
        reactor = self.clock = FakeReactor(running)
        container = Container("svc", factories=[recorder_factory(self.journal, self.clock)], reactor=reactor)
        container.configure(ConfigParams.from_value([{"descriptor": "test:logger:memory:default:1.0"}, *entries]),
                            "svc.yml")
        return ContainerService(container, self.reports.append), reactor

    def test_interface(self) -> None:
        service, _ = self.service()
        self.assertTrue(verifyObject(IService, service))
        self.assertEqual(service.name, "pipsvc")

    def test_start_opens_and_stop_closes(self) -> None:
        service, reactor = self.service({"descriptor": "test:recorder:plain:a:1.0"})
        service.startService()
        self.assertTrue(service.running)
        assert service.opened is not None
        self.successResultOf(service.opened)
        self.assertIn("open a", self.journal)
        reactor._exitSignal = 15
        self.successResultOf(service.stopService())
        self.assertEqual(self.journal[-2:], ["close a", "unset_references a"])
        self.assertEqual(service.exit_code, 0)
        self.assertIsNone(reactor._exitSignal)
        self.assertEqual(reactor.stops, 0)

    def test_stop_waits_for_close(self) -> None:
        service, _ = self.service({"descriptor": "test:recorder:deferred:a:1.0"})
        service.startService()
        self.clock.advance(1)
        stopped = service.stopService()
        self.assertNoResult(stopped)
        self.clock.advance(1)
        self.successResultOf(stopped)

    def test_failed_open_stops_the_running_reactor(self) -> None:
        service, reactor = self.service({"descriptor": "test:recorder:plain:a:1.0", "fail_open": True})
        service.startService()
        self.assertEqual(service.exit_code, 1)
        self.assertEqual(reactor.stops, 1)
        [report] = self.reports
        self.assertIn("svc.yml, entry 2 (descriptor 'test:recorder:plain:a:1.0'): failed to open", report)
        self.assertNotIn("\n", report)

    def test_failed_open_before_the_reactor_runs(self) -> None:
        # twistd starts services before the reactor runs.
        service, reactor = self.service({"descriptor": "test:recorder:plain:a:1.0", "fail_open": True},
                                        running=False)
        service.startService()
        self.assertEqual(service.exit_code, 1)
        self.assertEqual(reactor.stops, 0)
        self.assertEqual(len(reactor.when_running), 1)
        reactor.when_running[0]()
        self.assertEqual(reactor.stops, 1)

    def test_failed_close_sets_exit_code(self) -> None:
        service, _ = self.service({"descriptor": "test:recorder:plain:a:1.0", "fail_close": True})
        service.startService()
        self.successResultOf(service.stopService())
        self.assertEqual(service.exit_code, 1)
        [report] = self.reports
        self.assertIn("container stopped with errors", report)
        self.assertIn("a cannot close", report)
