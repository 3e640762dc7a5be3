# -*- test-case-name: tests.persistence.test_conformance_kit -*-
"""The conformance kit catches the faults it is meant to catch."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet import task
from twisted.internet.defer import Deferred, ensureDeferred, succeed
from twisted.python.failure import Failure
from twisted.trial import unittest

from pipservices_tx.errors import NotFoundException
from pipservices_tx.persistence import IdentifiableMemoryPersistence
from pipservices_tx.testing import PersistenceConformanceMixin


def run_kit_test(factory: Callable[[], Any], name: str, clock: Optional[task.Clock] = None) -> Optional[Failure]:
    """
    Runs one kit test against C{factory()}'s persistence (advancing C{clock}
    until it ends); its failure, or None when it passes.
    """

    class Kit(PersistenceConformanceMixin, unittest.TestCase):
        def make_persistence(self) -> Any:
            return factory()

    case = Kit(name)
    outcome: list[Any] = []
    case.setUp().addCallback(lambda _: ensureDeferred(getattr(case, name)())).addBoth(outcome.append)
    for _ in range(100):
        if outcome or clock is None:
            break
        clock.advance(0)
    assert outcome, "the kit test did not finish synchronously"
    return outcome[0] if isinstance(outcome[0], Failure) else None


class Aliasing(IdentifiableMemoryPersistence):
    def get_one_by_id(self, correlation_id: Optional[str], id: Any) -> Deferred[Any]:
        return succeed(self._items.get(id))


class AlwaysTotal(IdentifiableMemoryPersistence):
    def get_page_by_filter(self, correlation_id: Any, filter: Any, paging: Any, sort: Any = None, select: Any = None) -> Any:
        def with_total(page: Any) -> Any:
            page.total = len(self._items)
            return page

        return super().get_page_by_filter(correlation_id, filter, paging, sort, select).addCallback(with_total)


class Overwriting(IdentifiableMemoryPersistence):
    def create(self, correlation_id: Optional[str], item: Any) -> Any:
        return self.set(correlation_id, item)


class RaisingOnMissing(IdentifiableMemoryPersistence):
    def get_one_by_id(self, correlation_id: Optional[str], id: Any) -> Any:
        def check(item: Any) -> Any:
            if item is None:
                raise NotFoundException(correlation_id, "NOT_FOUND", str(id))
            return item

        return super().get_one_by_id(correlation_id, id).addCallback(check)


class AscendingOnly(IdentifiableMemoryPersistence):
    def get_page_by_filter(self, correlation_id: Any, filter: Any, paging: Any, sort: Any = None, select: Any = None) -> Any:
        if sort:
            sort = [type(field)(field.name, True) for field in sort]
        return super().get_page_by_filter(correlation_id, filter, paging, sort, select)


class QuoteStripping(IdentifiableMemoryPersistence):
    def create(self, correlation_id: Optional[str], item: Any) -> Any:
        cleaned = {k: v.replace("'", "") if isinstance(v, str) else v for k, v in item.items()}
        return super().create(correlation_id, cleaned)


class ReadModifyWrite(IdentifiableMemoryPersistence):
    """Reads the whole store, writes it back a tick later: concurrent creates overwrite each other."""

    def __init__(self, clock: task.Clock) -> None:
        super().__init__()
        self.clock = clock

    def create(self, correlation_id: Optional[str], item: Any) -> Any:
        snapshot = dict(self._items)

        def write_back() -> Any:
            snapshot[item["id"]] = dict(item)
            self._items = snapshot
            return dict(item)

        return task.deferLater(self.clock, 0, write_back)


class ConformanceKitTests(unittest.SynchronousTestCase):
    def assert_caught(self, factory: Callable[[], Any], name: str, clock: Optional[task.Clock] = None) -> None:
        self.assertIsNone(run_kit_test(IdentifiableMemoryPersistence, name), f"{name} fails on the reference")
        failure = run_kit_test(factory, name, clock)
        self.assertIsNotNone(failure, f"{name} did not catch {factory}")
        assert failure is not None
        self.assertTrue(failure.check(self.failureException, NotFoundException), failure)

    def test_catches_aliases(self) -> None:
        self.assert_caught(Aliasing, "test_returned_items_are_copies")

    def test_catches_an_unasked_total(self) -> None:
        self.assert_caught(AlwaysTotal, "test_page_total_absent_unless_asked")

    def test_catches_an_overwriting_create(self) -> None:
        self.assert_caught(Overwriting, "test_create_duplicate_id_is_a_conflict")

    def test_catches_an_error_for_a_missing_id(self) -> None:
        self.assert_caught(RaisingOnMissing, "test_missing_id_reads_as_none")

    def test_catches_a_lost_sort_direction(self) -> None:
        self.assert_caught(AscendingOnly, "test_page_sorted_ascending_and_descending")

    def test_catches_mangled_strings(self) -> None:
        self.assert_caught(QuoteStripping, "test_hostile_values_round_trip")

    def test_catches_lost_concurrent_writes(self) -> None:
        clock = task.Clock()
        self.assert_caught(lambda: ReadModifyWrite(clock), "test_concurrent_creates", clock)

    def test_a_slow_but_correct_backend_passes(self) -> None:
        clock = task.Clock()

        class Slow(IdentifiableMemoryPersistence):
            def create(self, correlation_id: Optional[str], item: Any) -> Any:
                return task.deferLater(clock, 0, lambda: None).addCallback(
                    lambda _: IdentifiableMemoryPersistence.create(self, correlation_id, item)
                )

        self.assertIsNone(run_kit_test(Slow, "test_concurrent_creates", clock))
