"""The file persistences: the conformance kit, durable acknowledged writes, one save a burst."""

from __future__ import annotations

import json
import os
from typing import Any, Optional

from twisted.internet.defer import Deferred, gatherResults
from twisted.trial import unittest
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import FileException
from pipservices_tx.lifecycle import ICleanable, IOpenable
from pipservices_tx.persistence import (
    FilePersistence,
    IdentifiableFilePersistence,
    IFilteredPageReader,
    IFilteredReader,
    IGetter,
    ILoader,
    IPartialUpdater,
    ISaver,
    ISetter,
    IWriter,
    JsonFilePersister,
)
from pipservices_tx.refer import IReferenceable
from pipservices_tx.testing import PersistenceConformanceMixin, make_item, with_reactor

from ._inline import ClockReactor, InlineReactor, InlineThreadPool, ManualThreadPool


def read_items(path: str) -> list[dict[str, Any]]:
    """The items on disk now (the file with its log replayed), as a new persistence would load them."""
    persister = with_reactor(JsonFilePersister(path, threadpool=InlineThreadPool()), InlineReactor())
    return unittest.SynchronousTestCase().successResultOf(persister.load(None))


def read_ids(path: str) -> list[Any]:
    """The ids on disk now."""
    return [item.get("id") for item in read_items(path)]


class CountingPersister(JsonFilePersister):
    """Counts the whole saves and the appends to the log asked of it."""

    saves = 0
    appends = 0

    def save(self, correlation_id: Optional[str], items: list[dict[str, Any]]) -> Deferred[None]:
        self.saves += 1
        return super().save(correlation_id, items)

    def append(self, correlation_id: Optional[str], *args: Any) -> Deferred[None]:
        self.appends += 1
        return super().append(correlation_id, *args)

    @property
    def writes(self) -> int:
        return self.saves + self.appends


class IdentifiableFilePersistenceConformanceTests(PersistenceConformanceMixin, unittest.TestCase):
    """The kit, with the real worker thread and a fresh file per test."""

    async def make_persistence(self) -> IdentifiableFilePersistence:
        persistence = IdentifiableFilePersistence()
        persistence.configure(ConfigParams.from_tuples("path", self.mktemp()))
        await persistence.open(None)
        return persistence

    async def test_file_holds_what_the_persistence_holds(self) -> None:
        """Beyond the kit: after the kit's kind of writes the file matches the store."""
        await self.create_five()
        await self.persistence.delete_by_id(None, "2")
        await self.persistence.update_partially(None, "3", {"content": "changed"})
        path = self.persistence.persister.path
        self.assertEqual(read_ids(path), ["1", "3", "4", "5"])
        self.assertEqual(read_items(path)[1], make_item(3, content="changed"))


class InterfaceTests(unittest.SynchronousTestCase):
    def test_interfaces(self) -> None:
        persistence = IdentifiableFilePersistence(path=self.mktemp())
        for interface in (IGetter, ISetter, IWriter, IPartialUpdater, IFilteredReader, IFilteredPageReader,
                          IOpenable, ICleanable, IConfigurable, IReferenceable):
            self.assertTrue(verifyObject(interface, persistence))
        plain = FilePersistence(path=self.mktemp())
        for interface in (IFilteredReader, IFilteredPageReader, IOpenable, ICleanable, IConfigurable):
            self.assertTrue(verifyObject(interface, plain))
        for interface in (ILoader, ISaver):
            self.assertTrue(verifyObject(interface, persistence.persister))


class FilePersistenceTests(unittest.SynchronousTestCase):
    """The end of a reactor turn is a clock step here, and the file work runs inline or by hand."""

    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        self.path = os.path.join(self.directory, "items.json")
        self.reactor = ClockReactor()

    def make(self, pool: Optional[Any] = None, **config: str) -> IdentifiableFilePersistence:
        persistence = with_reactor(IdentifiableFilePersistence(threadpool=pool or InlineThreadPool()), self.reactor)
        persistence.configure(ConfigParams.from_tuples("path", self.path, *(x for kv in config.items() for x in kv)))
        return persistence

    def done(self, deferred: Deferred[Any]) -> Any:
        """The result of a write, once the reactor turn that made it has ended."""
        self.reactor.advance(0)
        return self.successResultOf(deferred)

    def write_raw(self, data: bytes) -> None:
        with open(self.path, "wb") as stream:
            stream.write(data)

    def test_opens_an_existing_file(self) -> None:
        self.write_raw(json.dumps([make_item(1), make_item(2, "b")]).encode())
        persistence = self.make()
        self.successResultOf(persistence.open(None))
        self.assertEqual(self.successResultOf(persistence.get_one_by_id(None, "2")), make_item(2, "b"))
        self.done(persistence.create(None, make_item(3)))
        self.assertEqual(read_ids(self.path), ["1", "2", "3"])

    def test_missing_file_opens_empty_and_is_created_by_the_first_write(self) -> None:
        persistence = self.make()
        self.successResultOf(persistence.open(None))
        self.assertFalse(os.path.exists(self.path))
        self.done(persistence.create(None, make_item(1)))
        self.assertEqual(read_ids(self.path), ["1"])

    def test_memory_config_applies(self) -> None:
        persistence = self.make(**{"options.max_page_size": "2"})
        self.successResultOf(persistence.open(None))
        for number in range(5):
            self.done(persistence.create(None, make_item(number)))
        self.assertEqual(len(self.successResultOf(persistence.get_page_by_filter(None, None, None)).data), 2)

    def test_corrupt_file_fails_the_open(self) -> None:
        for data in (b'[{"id": "1"}, {"id"', b'{"id": "1"}', b"\x00\xff\xfe garbage \x89PNG"):
            self.write_raw(data)
            persistence = self.make()
            error = self.failureResultOf(persistence.open(None), FileException).value
            self.assertIn(self.path, error.message)
            self.assertEqual(error.details, {"path": self.path})
            self.assertFalse(persistence.is_open())
            with open(self.path, "rb") as stream:
                self.assertEqual(stream.read(), data, "a failed open must not touch the file")

    def test_directory_at_path_fails_the_open(self) -> None:
        os.mkdir(self.path)
        error = self.failureResultOf(self.make().open(None), FileException).value
        self.assertEqual(error.code, "CANNOT_READ_FILE")
        self.assertIn(self.path, error.message)

    def test_write_fires_only_after_its_save(self) -> None:
        pool = ManualThreadPool()
        persistence = self.make(pool)
        opened = persistence.open(None)
        pool.run_all()
        self.successResultOf(opened)
        created = persistence.create(None, make_item(1))
        self.reactor.advance(0)
        self.assertEqual(len(pool.pending), 1)
        self.assertNoResult(created)
        self.assertFalse(os.path.exists(self.path))
        pool.run_next()
        self.assertEqual(self.successResultOf(created), make_item(1))
        self.assertEqual(read_ids(self.path), ["1"])

    def test_a_burst_costs_one_write(self) -> None:
        """The 100 creates of one turn share one write to disk; the burst that comes during it shares the next."""
        pool = ManualThreadPool()
        persister = with_reactor(CountingPersister(self.path, threadpool=pool), self.reactor)
        persistence = with_reactor(IdentifiableFilePersistence(persister), self.reactor)
        opened = persistence.open(None)
        pool.run_all()
        self.successResultOf(opened)
        burst = [persistence.create(None, make_item(n)) for n in range(100)]
        self.assertEqual(persister.writes, 0)
        self.reactor.advance(0)
        self.assertEqual((persister.writes, len(pool.pending)), (1, 1))
        later = [persistence.create(None, make_item(n)) for n in range(100, 150)]
        self.reactor.advance(0)
        for waiting in burst + later:
            self.assertNoResult(waiting)
        pool.run_next()
        self.assertEqual([self.successResultOf(d)["id"] for d in burst], [str(n) for n in range(100)])
        self.assertEqual(read_ids(self.path), [str(n) for n in range(100)])
        self.assertEqual((persister.writes, len(pool.pending)), (2, 1))
        for waiting in later:
            self.assertNoResult(waiting)
        pool.run_next()
        self.assertEqual([self.successResultOf(d)["id"] for d in later], [str(n) for n in range(100, 150)])
        self.assertEqual(read_ids(self.path), [str(n) for n in range(150)])
        self.assertEqual((persister.writes, pool.pending), (2, []))

    def test_close_waits_for_the_writes_of_the_turn(self) -> None:
        pool = ManualThreadPool()
        persistence = self.make(pool)
        opened = persistence.open(None)
        pool.run_all()
        self.successResultOf(opened)
        created = persistence.create(None, make_item(1))
        closed = persistence.close(None)
        self.reactor.advance(0)
        self.assertNoResult(closed)
        pool.run_all()
        self.successResultOf(created)
        self.successResultOf(closed)
        self.assertFalse(persistence.is_open())
        self.assertEqual(read_ids(self.path), ["1"])

    def test_failed_save_fails_the_writes_and_the_next_save_carries_them(self) -> None:
        persistence = self.make()
        self.successResultOf(persistence.open(None))
        self.done(persistence.create(None, make_item(1)))
        real_write = os.write

        def write(fd: int, data: Any) -> int:
            raise OSError(28, "No space left on device")

        self.patch(os, "write", write)
        failed = [persistence.create(None, make_item(2)), persistence.delete_by_id(None, "1")]
        self.reactor.advance(0)
        for one in failed:
            error = self.failureResultOf(one, FileException).value
            self.assertIn(self.path, error.message)
        self.assertEqual(read_ids(self.path), ["1"])
        self.patch(os, "write", real_write)
        self.done(persistence.create(None, make_item(3)))
        self.assertEqual(read_ids(self.path), ["2", "3"])
        with open(self.path, "rb") as stream:  # the failure made the next save a whole one
            self.assertEqual([item["id"] for item in json.loads(stream.read())], ["2", "3"])
        self.assertFalse(os.path.exists(self.path + ".log"))

    def test_reopen_after_close_reads_the_file(self) -> None:
        persistence = self.make()
        self.successResultOf(persistence.open(None))
        self.done(persistence.create(None, make_item(1)))
        self.successResultOf(persistence.close(None))
        again = self.make()
        self.successResultOf(again.open(None))
        self.assertEqual(self.successResultOf(again.get_list_by_filter(None, None)), [make_item(1)])

    def test_plain_file_persistence(self) -> None:
        persistence = with_reactor(FilePersistence(threadpool=InlineThreadPool()), self.reactor)
        persistence.configure(ConfigParams.from_tuples("path", self.path))
        self.successResultOf(persistence.open(None))
        self.done(persistence.create(None, {"label": "a"}))
        self.done(persistence.create(None, {"label": "a"}))
        with open(self.path) as stream:
            self.assertEqual(json.load(stream), [{"label": "a"}, {"label": "a"}])


class DurabilityTests(unittest.TestCase):
    """The real worker thread: an acknowledged write is in the file when its Deferred fires."""

    async def test_concurrent_creates_are_on_disk_when_acknowledged(self) -> None:
        path = os.path.abspath(self.mktemp())
        persister = CountingPersister(path)
        persistence = IdentifiableFilePersistence(persister)
        await persistence.open(None)
        self.addCleanup(persistence.close, None)
        on_disk_when_fired: dict[str, bool] = {}

        def check(item: dict[str, Any]) -> dict[str, Any]:
            on_disk_when_fired[item["id"]] = item["id"] in read_ids(path)
            return item

        count = 200
        await gatherResults([persistence.create(None, make_item(n)).addCallback(check) for n in range(count)])
        self.assertEqual(len(on_disk_when_fired), count)
        self.assertEqual([id for id, found in on_disk_when_fired.items() if not found], [])
        self.assertEqual(persister.writes, 1)
        reopened = IdentifiableFilePersistence(path=path)
        await reopened.open(None)
        self.addCleanup(reopened.close, None)
        self.assertEqual(await reopened.get_count_by_filter(None, None), count)
