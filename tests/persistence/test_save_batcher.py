# -*- test-case-name: tests.persistence.test_save_batcher -*-
"""Loading on open, saving after writes, and the batching of saves."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, gatherResults, succeed
from twisted.trial import unittest
from zope.interface import implementer

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import FileException, UnknownException
from pipservices_tx.persistence import IdentifiableMemoryPersistence, ILoader, ISaver, SaveBatcher
from pipservices_tx.testing import make_item


@implementer(ILoader, ISaver)
class FakeFile:
    """A loader and saver that keeps what it saved and fires only when told (C{manual})."""

    def __init__(self, items: Optional[list[dict[str, Any]]] = None, manual: bool = False) -> None:
        self.items = items or []
        self.manual = manual
        self.saves: list[list[dict[str, Any]]] = []
        self.pending: list[Deferred[None]] = []

    def load(self, correlation_id: Optional[str]) -> Deferred[list[dict[str, Any]]]:
        return succeed(self.items)

    def save(self, correlation_id: Optional[str], items: list[dict[str, Any]]) -> Deferred[None]:
        self.saves.append(items)
        if not self.manual:
            return succeed(None)
        waiter: Deferred[None] = Deferred()
        self.pending.append(waiter)
        return waiter

    def finish_one(self) -> None:
        self.pending.pop(0).callback(None)


class LoadAndSaveTests(unittest.SynchronousTestCase):
    def test_open_loads_and_replaces_config_items(self) -> None:
        file = FakeFile([make_item(1), {"key": "no id"}])
        persistence = IdentifiableMemoryPersistence(loader=file)
        persistence.configure(ConfigParams.from_tuples("items.0.id", "9"))
        self.successResultOf(persistence.open(None))
        self.assertTrue(persistence.is_open())
        self.assertIsNone(self.successResultOf(persistence.get_one_by_id(None, "9")))
        self.assertEqual(self.successResultOf(persistence.get_one_by_id(None, "1")), make_item(1))
        self.assertEqual(self.successResultOf(persistence.get_count_by_filter(None, None)), 2)
        file.items[0]["content"] = "changed in the file"
        self.assertEqual(self.successResultOf(persistence.get_one_by_id(None, "1")), make_item(1))

    def test_a_failing_loader_fails_open(self) -> None:
        class Broken:
            def load(self, correlation_id: Optional[str]) -> Any:
                raise OSError("disk gone")

        persistence = IdentifiableMemoryPersistence(loader=Broken())  # type: ignore[arg-type]
        error = self.failureResultOf(persistence.open("cid"), UnknownException).value
        self.assertEqual((error.correlation_id, error.cause), ("cid", "disk gone"))
        self.assertFalse(persistence.is_open())

    def test_each_write_saves_a_snapshot_and_reads_do_not(self) -> None:
        file = FakeFile()
        persistence = IdentifiableMemoryPersistence(saver=file)
        self.successResultOf(persistence.create(None, make_item(1)))
        self.successResultOf(persistence.update_partially(None, "1", {"content": "x"}))
        self.successResultOf(persistence.get_page_by_filter(None, None, None))
        self.successResultOf(persistence.get_one_by_id(None, "1"))
        self.assertEqual(file.saves, [[make_item(1)], [make_item(1, content="x")]])
        self.successResultOf(persistence.delete_by_id(None, "1"))
        self.successResultOf(persistence.clear(None))
        self.assertEqual(file.saves[2:], [[], []])

    def test_writes_that_change_nothing_do_not_save(self) -> None:
        file = FakeFile()
        persistence = IdentifiableMemoryPersistence(saver=file)
        self.assertIsNone(self.successResultOf(persistence.update(None, make_item(1))))
        self.assertIsNone(self.successResultOf(persistence.delete_by_id(None, "1")))
        self.successResultOf(persistence.delete_by_ids(None, ["1"]))
        self.successResultOf(persistence.delete_by_filter(None, {"group": "a"}))
        self.failureResultOf(persistence.create(None, 5))  # type: ignore[arg-type]
        self.assertEqual(file.saves, [])

    def test_concurrent_writes_share_saves(self) -> None:
        file = FakeFile(manual=True)
        persistence = IdentifiableMemoryPersistence(saver=file)
        writes = gatherResults([persistence.create(None, make_item(n)) for n in range(200)])
        self.assertEqual(len(file.saves), 1)
        self.assertEqual(len(file.saves[0]), 1)
        self.assertNoResult(writes)
        file.finish_one()
        self.assertEqual(len(file.saves), 2)
        self.assertEqual(len(file.saves[1]), 200)
        self.assertNoResult(writes)
        file.finish_one()
        self.assertEqual(len(self.successResultOf(writes)), 200)
        self.assertEqual(len(file.saves), 2)

    def test_a_write_fires_after_the_save_that_holds_it(self) -> None:
        file = FakeFile(manual=True)
        persistence = IdentifiableMemoryPersistence(saver=file)
        first = persistence.create(None, make_item(1))
        second = persistence.create(None, make_item(2))
        file.finish_one()
        self.assertEqual(self.successResultOf(first), make_item(1))
        self.assertNoResult(second)
        file.finish_one()
        self.assertEqual(self.successResultOf(second), make_item(2))

    def test_close_waits_for_the_running_save(self) -> None:
        file = FakeFile(manual=True)
        persistence = IdentifiableMemoryPersistence(saver=file)
        self.successResultOf(persistence.open(None))
        write = persistence.create(None, make_item(1))
        closing = persistence.close(None)
        self.assertNoResult(closing)
        file.finish_one()
        self.successResultOf(write)
        self.successResultOf(closing)
        self.assertFalse(persistence.is_open())

    def test_a_failed_save_fails_the_write_but_keeps_the_change(self) -> None:
        class Broken:
            def save(self, correlation_id: Optional[str], items: list[dict[str, Any]]) -> Any:
                raise FileException(correlation_id, "WRITE_FAILED", "read-only")

        persistence = IdentifiableMemoryPersistence(saver=Broken())  # type: ignore[arg-type]
        error = self.failureResultOf(persistence.create("cid", make_item(1)), FileException).value
        self.assertEqual(error.code, "WRITE_FAILED")
        self.assertEqual(self.successResultOf(persistence.get_one_by_id(None, "1")), make_item(1))


class SaveBatcherTests(unittest.SynchronousTestCase):
    def test_idle_batcher_saves_at_once(self) -> None:
        calls: list[Optional[str]] = []
        batcher = SaveBatcher(calls.append)
        self.successResultOf(batcher.request("a"))
        self.successResultOf(batcher.request("b"))
        self.assertEqual(calls, ["a", "b"])
        self.successResultOf(batcher.flush())

    def test_requests_during_a_save_share_the_next(self) -> None:
        pending: list[Deferred[None]] = []

        def save(correlation_id: Optional[str]) -> Deferred[None]:
            pending.append(Deferred())
            return pending[-1]

        batcher = SaveBatcher(save)
        first = batcher.request("a")
        later = [batcher.request(str(n)) for n in range(5)]
        idle = batcher.flush()
        self.assertEqual((batcher.save_count, len(pending)), (1, 1))
        pending[0].callback(None)
        self.successResultOf(first)
        self.assertEqual(batcher.save_count, 2)
        for waiter in later:
            self.assertNoResult(waiter)
        self.assertNoResult(idle)
        pending[1].errback(FileException(None, "FULL", "disk full"))
        for waiter in later:
            self.assertEqual(self.failureResultOf(waiter, FileException).value.code, "FULL")
        self.successResultOf(idle)
        self.assertEqual(batcher.save_count, 2)


class SaveHookTests(unittest.SynchronousTestCase):
    def test_save_hook_is_called_once_per_changing_write(self) -> None:
        calls: list[Optional[str]] = []

        class Hooked(IdentifiableMemoryPersistence):
            def _save(self, correlation_id: Optional[str]) -> Deferred[None]:
                calls.append(correlation_id)
                return succeed(None)

        persistence = Hooked()
        self.successResultOf(persistence.create("1", make_item(1)))
        self.successResultOf(persistence.set("2", make_item(2)))
        self.successResultOf(persistence.update("3", make_item(2, content="x")))
        self.successResultOf(persistence.update_partially("4", "2", {"content": "y"}))
        self.successResultOf(persistence.delete_by_ids("5", ["1", "2"]))
        self.successResultOf(persistence.update("no", make_item(9)))
        self.successResultOf(persistence.get_list_by_filter("no", None))
        self.assertEqual(calls, ["1", "2", "3", "4", "5"])
