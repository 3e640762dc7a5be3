"""The change log of the file persistence: appends, compaction, recovery from a cut-short line."""

from __future__ import annotations

import json
import os
from typing import Any

from twisted.internet.defer import Deferred
from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import FileException
from pipservices_tx.persistence import IdentifiableFilePersistence, JsonFilePersister
from pipservices_tx.persistence._change_recorder import REMOVED, ChangeRecorder
from pipservices_tx.testing import make_item, with_reactor

from ._inline import ClockReactor, InlineReactor, InlineThreadPool


class ChangeRecorderTests(unittest.SynchronousTestCase):
    def test_every_way_of_writing_is_noted_in_order(self) -> None:
        items = ChangeRecorder({"a": 1, "b": 2, "c": 3})
        self.assertEqual(items.take_changes(), (False, []))
        items["d"] = 4
        del items["a"]
        items.pop("b")
        items.pop("missing", None)
        items.setdefault("e", 5)
        items.setdefault("d", 0)
        items.update({"f": 6})
        items |= {"g": 7}
        self.assertEqual(items.take_changes(), (False, [
            ("d", 4), ("a", REMOVED), ("b", REMOVED), ("e", 5), ("f", 6), ("g", 7),
        ]))
        self.assertEqual(items.take_changes(), (False, []))

    def test_clear_forgets_earlier_changes(self) -> None:
        items = ChangeRecorder({"a": 1})
        items["b"] = 2
        items.clear()
        items["c"] = 3
        self.assertEqual(items.take_changes(), (True, [("c", 3)]))
        self.assertEqual(dict(items), {"c": 3})


class ChangeLogTests(unittest.SynchronousTestCase):
    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        os.makedirs(self.directory)
        self.path = os.path.join(self.directory, "items.json")
        self.log = self.path + ".log"
        self.reactor = ClockReactor()

    def make(self, **options: Any) -> IdentifiableFilePersistence:
        persistence = with_reactor(IdentifiableFilePersistence(threadpool=InlineThreadPool()), self.reactor)
        persistence.configure(ConfigParams.from_value({"path": self.path, "options": options}))
        self.successResultOf(persistence.open(None))
        return persistence

    def done(self, deferred: Deferred[Any]) -> Any:
        self.reactor.advance(0)
        return self.successResultOf(deferred)

    def loaded(self) -> list[dict[str, Any]]:
        persister = with_reactor(JsonFilePersister(self.path, threadpool=InlineThreadPool()), InlineReactor())
        return self.successResultOf(persister.load(None))  # type: ignore[no-any-return]

    def log_lines(self) -> list[Any]:
        with open(self.log, "rb") as stream:
            return [json.loads(line) for line in stream.read().splitlines()]

    def write(self, path: str, data: bytes) -> None:
        with open(path, "wb") as stream:
            stream.write(data)

    def test_a_write_to_a_large_store_appends_only_its_change(self) -> None:
        self.write(self.path, json.dumps([make_item(n) for n in range(3000)]).encode())
        before = os.stat(self.path)
        persistence = self.make()
        self.done(persistence.create(None, make_item(5000)))
        self.done(persistence.update_partially(None, "7", {"content": "changed"}))
        self.done(persistence.delete_by_id(None, "8"))
        after = os.stat(self.path)
        self.assertEqual((after.st_ino, after.st_mtime_ns, after.st_size),
                         (before.st_ino, before.st_mtime_ns, before.st_size), "the file was rewritten")
        self.assertEqual(self.log_lines(), [
            {"put": make_item(5000)}, {"put": make_item(7, content="changed")}, {"delete": "8"},
        ])
        ids = [item["id"] for item in self.loaded()]
        self.assertEqual(len(ids), 3000)
        self.assertNotIn("8", ids)
        self.assertEqual(ids[-1], "5000")

    def test_a_burst_is_one_append(self) -> None:
        persistence = self.make()
        writes = [persistence.create(None, make_item(n)) for n in range(20)]
        writes.append(persistence.clear(None))
        writes.append(persistence.create(None, make_item(99)))
        self.reactor.advance(0)
        for write in writes:
            self.successResultOf(write)
        self.assertEqual(self.log_lines(), [{"clear": True}, {"put": make_item(99)}])
        self.assertEqual(self.loaded(), [make_item(99)])

    def test_compaction_when_the_log_outgrows_the_file(self) -> None:
        persistence = self.make(compact_after_bytes=2000)
        for n in range(40):
            self.done(persistence.create(None, make_item(n)))
            if not os.path.exists(self.log):
                break
        self.assertTrue(os.path.exists(self.path), "no compaction happened")
        self.assertLess(n, 39)
        with open(self.path, "rb") as stream:
            self.assertEqual([item["id"] for item in json.loads(stream.read())], [str(k) for k in range(n + 1)])
        self.done(persistence.update_partially(None, "0", {"content": "later"}))
        self.assertEqual(self.log_lines(), [{"put": make_item(0, content="later")}])
        self.assertEqual(self.loaded()[0], make_item(0, content="later"))

    def test_compaction_renames_then_removes_the_log(self) -> None:
        persistence = self.make(compact_after_bytes=1)
        self.done(persistence.create(None, make_item(1)))  # the log is created...
        self.assertFalse(os.path.exists(self.path))
        steps: list[str] = []
        real_replace, real_unlink = os.replace, os.unlink

        def replace(source: Any, target: Any) -> None:
            steps.append("replace " + os.path.basename(target))
            real_replace(source, target)

        def unlink(path: Any) -> None:
            steps.append("unlink " + os.path.basename(path))
            real_unlink(path)

        self.patch(os, "replace", replace)
        self.patch(os, "unlink", unlink)
        self.done(persistence.create(None, make_item(2)))  # ...and outgrows the (missing) file
        self.assertEqual(steps, ["replace items.json", "unlink items.json.log"])
        self.assertEqual([item["id"] for item in self.loaded()], ["1", "2"])

    def test_a_crash_between_the_rename_and_the_removal_of_the_log_loses_nothing(self) -> None:
        persistence = self.make()
        self.done(persistence.create(None, make_item(1)))
        self.done(persistence.create(None, make_item(2)))
        self.done(persistence.delete_by_id(None, "1"))
        self.done(persistence.set(None, make_item(1, content="again")))
        with open(self.log, "rb") as stream:
            log = stream.read()
        self.successResultOf(persistence.close(None))  # folds the log into the file...
        self.assertFalse(os.path.exists(self.log))
        self.write(self.log, log)  # ...as if the process died before removing the log
        self.assertEqual(self.loaded(), [make_item(2), make_item(1, content="again")])

    def test_a_cut_short_last_line_is_ignored_and_cut_off(self) -> None:
        self.write(self.path, json.dumps([make_item(1)]).encode())
        good = json.dumps({"put": make_item(2)}).encode() + b"\n"
        self.write(self.log, good + b'{"put": {"id": "3", "con')
        persistence = self.make()
        self.assertEqual([item["id"] for item in self.successResultOf(persistence.get_list_by_filter(None, None))],
                         ["1", "2"])
        with open(self.log, "rb") as stream:
            self.assertEqual(stream.read(), good)
        self.done(persistence.create(None, make_item(4)))
        self.assertEqual(self.log_lines(), [{"put": make_item(2)}, {"put": make_item(4)}])

    def test_a_bad_line_before_the_last_fails_the_open(self) -> None:
        for bad in (b"not json\n", b"[1, 2]\n", b'{"put": 1}\n', b'{"what": 1}\n'):
            self.write(self.log, bad + json.dumps({"put": make_item(2)}).encode() + b"\n")
            persistence = with_reactor(IdentifiableFilePersistence(threadpool=InlineThreadPool()), self.reactor)
            persistence.configure(ConfigParams.from_tuples("path", self.path))
            error = self.failureResultOf(persistence.open(None), FileException).value
            self.assertEqual(error.code, "INVALID_FILE")
            self.assertIn(self.log, error.message)

    def test_close_leaves_one_plain_json_list(self) -> None:
        persistence = self.make()
        self.done(persistence.create(None, make_item(1)))
        self.successResultOf(persistence.close(None))
        self.assertFalse(os.path.exists(self.log))
        with open(self.path, "rb") as stream:
            self.assertEqual(json.loads(stream.read()), [make_item(1)])
