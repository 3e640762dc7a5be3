"""JsonFilePersister: strict loads, atomic durable saves, ordered work off the reactor thread."""

from __future__ import annotations

import builtins
import json
import os
import stat
from typing import Any

from twisted.internet.defer import gatherResults
from twisted.trial import unittest
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import ConfigException, FileException
from pipservices_tx.lifecycle import IClosable
from pipservices_tx.persistence import ILoader, ISaver, JsonFilePersister
from pipservices_tx.testing import with_reactor

from ._inline import InlineReactor, InlineThreadPool


class PersisterTestCase(unittest.SynchronousTestCase):
    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        self.path = os.path.join(self.directory, "items.json")
        self.pool = InlineThreadPool()
        self.persister = with_reactor(JsonFilePersister(self.path, threadpool=self.pool), InlineReactor())

    def write_raw(self, data: bytes) -> None:
        with open(self.path, "wb") as stream:
            stream.write(data)

    def read_raw(self) -> Any:
        with open(self.path, "rb") as stream:
            return json.loads(stream.read().decode("utf-8"))

    def load_error(self) -> FileException:
        failure = self.failureResultOf(self.persister.load(None), FileException)
        error = failure.value
        self.assertIn(self.path, error.message)
        self.assertEqual(error.details, {"path": self.path})
        return error


class InterfaceTests(PersisterTestCase):
    def test_interfaces(self) -> None:
        for interface in (ILoader, ISaver, IConfigurable, IClosable):
            self.assertTrue(verifyObject(interface, self.persister))

    def test_path_from_config_is_absolute(self) -> None:
        persister = JsonFilePersister()
        self.assertIsNone(persister.path)
        persister.configure(ConfigParams.from_tuples("path", "data/beacons.json"))
        self.assertEqual(persister.path, os.path.join(os.getcwd(), "data", "beacons.json"))

    def test_no_path_is_a_config_error(self) -> None:
        persister = with_reactor(JsonFilePersister(threadpool=self.pool), InlineReactor())
        self.assertEqual(self.failureResultOf(persister.load(None), ConfigException).value.code, "NO_PATH")
        self.failureResultOf(persister.save(None, []), ConfigException)
        self.assertEqual(self.pool.ran, 0)


class LoadTests(PersisterTestCase):
    def test_missing_file_is_empty(self) -> None:
        self.assertEqual(self.successResultOf(self.persister.load(None)), [])
        self.assertFalse(os.path.exists(self.path))

    def test_loads_items(self) -> None:
        items = [{"id": "1", "label": "日本語"}, {"id": "2", "center": {"coordinates": [1.5, 2]}}]
        self.write_raw(json.dumps(items, ensure_ascii=False).encode("utf-8"))
        self.assertEqual(self.successResultOf(self.persister.load(None)), items)

    def test_truncated_json(self) -> None:
        self.write_raw(json.dumps([{"id": "1"}, {"id": "2"}]).encode()[:-7])
        self.assertEqual(self.load_error().code, "INVALID_FILE")

    def test_empty_file(self) -> None:
        self.write_raw(b"")
        self.assertEqual(self.load_error().code, "INVALID_FILE")

    def test_object_instead_of_list(self) -> None:
        self.write_raw(b'{"1": {"id": "1"}}')
        error = self.load_error()
        self.assertEqual(error.code, "INVALID_FILE")
        self.assertIn("dict, not a list", error.message)

    def test_list_of_non_objects(self) -> None:
        self.write_raw(b'[{"id": "1"}, 2]')
        error = self.load_error()
        self.assertEqual(error.code, "INVALID_FILE")
        self.assertIn("item 1 is a JSON int", error.message)

    def test_binary_garbage(self) -> None:
        self.write_raw(bytes(range(256)) * 4)
        self.assertEqual(self.load_error().code, "INVALID_FILE")

    def test_directory_at_path(self) -> None:
        os.mkdir(self.path)
        error = self.load_error()
        self.assertEqual(error.code, "CANNOT_READ_FILE")
        self.assertIsInstance(error.__cause__, IsADirectoryError)

    def test_file_without_read_permission(self) -> None:
        if os.name != "posix" or os.geteuid() == 0:
            raise unittest.SkipTest("root reads any file whatever its mode, so a mode-000 file cannot fail for root")
        self.write_raw(b"[]")
        os.chmod(self.path, 0)
        self.addCleanup(os.chmod, self.path, 0o600)
        error = self.load_error()
        self.assertEqual(error.code, "CANNOT_READ_FILE")
        self.assertIsInstance(error.__cause__, PermissionError)

    def test_read_error_is_a_file_exception(self) -> None:
        """Any OSError while reading (here a PermissionError, which root never meets) names the path."""
        self.write_raw(b"[]")

        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(13, "Permission denied", self.path)

        self.patch(builtins, "open", refuse)
        error = self.load_error()
        self.assertEqual(error.code, "CANNOT_READ_FILE")
        self.assertIn("Permission denied", error.message)

    def test_missing_directories_are_created(self) -> None:
        """As with FILE_ENABLED=true and its ./data/beacons.json on a first start."""
        path = os.path.join(self.directory, "data", "nested", "items.json")
        persister = with_reactor(JsonFilePersister(path, threadpool=self.pool), InlineReactor())
        self.assertEqual(self.successResultOf(persister.load(None)), [])
        self.assertTrue(os.path.isdir(os.path.dirname(path)))
        os.rmdir(os.path.dirname(path))  # gone again before the first save
        self.successResultOf(persister.save(None, [{"id": "1"}]))
        with open(path, encoding="utf-8") as f:
            self.assertEqual(json.load(f), [{"id": "1"}])

    def test_a_directory_that_cannot_be_created(self) -> None:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(13, "Permission denied", self.directory)

        self.patch(os, "makedirs", refuse)
        persister = with_reactor(JsonFilePersister(os.path.join(self.directory, "data", "items.json"),
                                                   threadpool=self.pool), InlineReactor())
        error = self.failureResultOf(persister.load(None), FileException).value
        self.assertEqual(error.code, "CANNOT_CREATE_DIRECTORY")
        self.assertIn("Permission denied", error.message)

    def test_removes_stale_temp_files(self) -> None:
        stale = os.path.join(self.directory, ".items.json.0123456789abcdef.tmp")
        unrelated = os.path.join(self.directory, ".other.json.0123456789abcdef.tmp")
        for name in (stale, unrelated):
            with open(name, "w") as stream:
                stream.write("[{")
        self.write_raw(b'[{"id": "1"}]')
        self.assertEqual(self.successResultOf(self.persister.load(None)), [{"id": "1"}])
        self.assertFalse(os.path.exists(stale))
        self.assertTrue(os.path.exists(unrelated))


class SaveTests(PersisterTestCase):
    def test_save_then_load(self) -> None:
        items = [{"id": "1", "label": "ünïcödé 🚀"}, {"id": "2", "nested": {"list": [1, None, True]}}]
        self.successResultOf(self.persister.save(None, items))
        self.assertEqual(self.read_raw(), items)
        self.assertEqual(self.successResultOf(self.persister.load(None)), items)
        self.assertEqual(os.listdir(self.directory), ["items.json"])

    def test_save_replaces(self) -> None:
        self.successResultOf(self.persister.save(None, [{"id": "1"}, {"id": "2"}]))
        self.successResultOf(self.persister.save(None, [{"id": "3"}]))
        self.assertEqual(self.read_raw(), [{"id": "3"}])

    def test_temp_file_fsynced_renamed_then_directory_fsynced(self) -> None:
        self.write_raw(b"[]")
        steps: list[tuple[str, ...]] = []
        real_fsync, real_replace = os.fsync, os.replace

        def fsync(fd: int) -> None:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                steps.append(("fsync directory",))
            else:
                steps.append(("fsync file", str(os.fstat(fd).st_size)))
            real_fsync(fd)

        def replace(source: Any, target: Any) -> None:
            steps.append(("replace", os.path.dirname(source), os.path.basename(target)))
            with open(self.path, "rb") as stream:
                self.assertEqual(stream.read(), b"[]", "the target changed before the rename")
            real_replace(source, target)

        self.patch(os, "fsync", fsync)
        self.patch(os, "replace", replace)
        self.successResultOf(self.persister.save(None, [{"id": "1"}]))
        size = str(os.path.getsize(self.path))
        self.assertEqual(steps, [
            ("fsync file", size),
            ("replace", self.directory, "items.json"),
            ("fsync directory",),
        ])

    def test_failed_rename_keeps_the_old_file(self) -> None:
        self.successResultOf(self.persister.save(None, [{"id": "old"}]))

        def replace(source: Any, target: Any) -> None:
            raise OSError(28, "No space left on device")

        self.patch(os, "replace", replace)
        error = self.failureResultOf(self.persister.save(None, [{"id": "new"}]), FileException).value
        self.assertEqual(error.code, "CANNOT_WRITE_FILE")
        self.assertIn(self.path, error.message)
        self.assertIn("No space left", error.message)
        self.assertEqual(self.read_raw(), [{"id": "old"}])
        self.assertEqual(os.listdir(self.directory), ["items.json"])

    def test_failed_fsync_keeps_the_old_file(self) -> None:
        self.successResultOf(self.persister.save(None, [{"id": "old"}]))

        def fsync(fd: int) -> None:
            raise OSError(5, "Input/output error")

        self.patch(os, "fsync", fsync)
        self.failureResultOf(self.persister.save(None, [{"id": "new"}]), FileException)
        self.assertEqual(self.read_raw(), [{"id": "old"}])
        self.assertEqual(os.listdir(self.directory), ["items.json"])

    def test_items_that_are_not_json(self) -> None:
        self.successResultOf(self.persister.save(None, [{"id": "old"}]))
        error = self.failureResultOf(self.persister.save(None, [{"id": object()}]), FileException).value
        self.assertEqual(error.code, "CANNOT_ENCODE_ITEMS")
        self.assertEqual(self.read_raw(), [{"id": "old"}])

    def test_a_file_where_the_directory_should_be(self) -> None:
        with open(os.path.join(self.directory, "nowhere"), "w") as f:
            f.write("")
        persister = with_reactor(JsonFilePersister(os.path.join(self.directory, "nowhere", "items.json"), threadpool=self.pool), InlineReactor())
        error = self.failureResultOf(persister.save(None, []), FileException).value
        self.assertEqual(error.code, "CANNOT_CREATE_DIRECTORY")
        self.assertIn("nowhere", error.message)

    def test_keeps_the_mode_of_the_old_file(self) -> None:
        self.write_raw(b"[]")
        os.chmod(self.path, 0o640)
        self.successResultOf(self.persister.save(None, [{"id": "1"}]))
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o640)

    def test_new_file_follows_the_umask(self) -> None:
        old = os.umask(0o027)
        self.addCleanup(os.umask, old)
        self.successResultOf(self.persister.save(None, []))
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o640)


class WorkerThreadTests(unittest.TestCase):
    """The real worker thread, with the reactor trial runs."""

    def setUp(self) -> None:
        self.path = os.path.abspath(self.mktemp())
        self.persister = JsonFilePersister(self.path)
        self.addCleanup(self.persister.close, None)

    async def test_saves_run_in_order(self) -> None:
        """With one worker the last save asked for is the one on disk, whatever the thread timing."""
        saves = [self.persister.save(None, [{"id": str(n), "pad": "x" * (5000 - 40 * n)}]) for n in range(100)]
        await gatherResults(saves)
        with open(self.path) as stream:
            self.assertEqual([item["id"] for item in json.load(stream)], ["99"])
        self.assertEqual(await self.persister.load(None), [{"id": "99", "pad": "x" * 1040}])

    async def test_close_stops_the_thread_and_a_later_call_restarts_it(self) -> None:
        await self.persister.save(None, [{"id": "1"}])
        pool = self.persister._owned_pool
        assert pool is not None
        [thread] = pool.threads
        self.assertTrue(thread.is_alive())
        await self.persister.close(None)
        self.assertFalse(thread.is_alive())
        self.assertTrue(pool.joined)
        self.assertIsNone(self.persister._owned_pool)
        self.assertEqual(await self.persister.load(None), [{"id": "1"}])
