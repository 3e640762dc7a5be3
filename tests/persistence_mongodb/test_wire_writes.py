# -*- test-case-name: tests.persistence_mongodb.test_wire_writes -*-
"""The insert, findAndModify, delete and createIndexes commands, and the replies to them."""

from __future__ import annotations

from typing import Any

from pipservices_tx.data import FilterParams
from pipservices_tx.errors import ConflictException
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence, MongoDbPersistence

from ._base import WireTestCase

DUPLICATE_ID_ERROR = {
    "index": 0, "code": 11000,
    "errmsg": 'E11000 duplicate key error collection: testdb.items index: _id_ dup key: { _id: "1" }',
    "keyPattern": {"_id": 1}, "keyValue": {"_id": "1"},
}


class Indexed(IdentifiableMongoDbPersistence):
    def __init__(self) -> None:
        super().__init__("items")
        self._ensure_index({"key": 1}, unique=True)
        self._ensure_index([("group", 1), ("count", -1)], name="by_group")
        self._ensure_index("id")


class IndexTests(WireTestCase):
    async def test_open_pings_then_creates_the_declared_indexes(self) -> None:
        persistence = Indexed()
        persistence.configure(_config(self.server.port))
        await persistence.open(None)
        self.addCleanup(persistence.close, None)
        ping, create = self.script.commands()
        self.assertEqual(ping, {"ping": 1, "$db": "admin"})
        self.assertEqual(create, {
            "createIndexes": "items",
            "indexes": [
                {"key": {"key": 1}, "name": "key_1", "unique": True},
                {"key": {"group": 1, "count": -1}, "name": "by_group"},
                {"key": {"_id": 1}, "name": "_id_1"},
            ],
            "$db": "testdb",
        })
        self.assertEqual(list(create["indexes"][1]["key"]), ["group", "count"])

    async def test_no_declared_index_no_create_indexes(self) -> None:
        persistence = IdentifiableMongoDbPersistence("items")
        persistence.configure(_config(self.server.port))
        await persistence.open(None)
        self.addCleanup(persistence.close, None)
        self.assertEqual(self.script.names(), ["ping"])


class CreateTests(WireTestCase):
    async def test_create_inserts_the_id_as__id(self) -> None:
        persistence = await self.open()
        item = {"id": "1", "key": "k1", "tags": ["x"]}
        created = await persistence.create(None, item)
        self.assertEqual(created, item)
        self.assertIsNot(created["tags"], item["tags"])
        insert = self.script.commands("insert")[0]
        self.assertEqual(insert["documents"], [{"_id": "1", "key": "k1", "tags": ["x"]}])
        self.assertEqual((insert["insert"], insert["$db"]), ("items", "testdb"))

    async def test_create_without_id_generates_one(self) -> None:
        persistence = await self.open()
        created = await persistence.create(None, {"key": "k"})
        self.assertRegex(created["id"], "^[0-9a-f]{32}$")
        self.assertEqual(self.script.commands("insert")[0]["documents"], [{"_id": created["id"], "key": "k"}])

    async def test_duplicate_key_is_a_duplicate_id_conflict(self) -> None:
        persistence = await self.open()
        self.script.on("insert", {"n": 0, "writeErrors": [DUPLICATE_ID_ERROR]})
        with self.assertRaises(ConflictException) as raised:
            await persistence.create("cid", {"id": "1"})
        self.assertEqual(raised.exception.code, "DUPLICATE_ID")
        self.assertEqual(raised.exception.details, {"id": "1"})
        self.assertEqual(raised.exception.correlation_id, "cid")

    async def test_duplicate_on_another_unique_index(self) -> None:
        persistence = await self.open()
        error = dict(DUPLICATE_ID_ERROR, keyPattern={"key": 1}, keyValue={"key": "k"},
                     errmsg="E11000 duplicate key error collection: testdb.items index: key_1 dup key: { key: \"k\" }")
        self.script.on("insert", {"n": 0, "writeErrors": [error]})
        with self.assertRaises(ConflictException) as raised:
            await persistence.create(None, {"id": "2", "key": "k"})
        self.assertEqual(raised.exception.code, "DUPLICATE_KEY")

    async def test_plain_persistence_creates_too(self) -> None:
        persistence = await self.open(MongoDbPersistence())
        created = await persistence.create(None, {"a": 1})
        self.assertEqual(self.script.commands("insert")[0]["documents"], [{"_id": created["id"], "a": 1}])


class ModifyTests(WireTestCase):
    async def test_set_is_an_upserting_find_and_modify(self) -> None:
        persistence = await self.open()
        self.script.on("findAndModify", {"value": {"_id": "1", "key": "k"}})
        self.assertEqual(await persistence.set(None, {"id": "1", "key": "k"}), {"id": "1", "key": "k"})
        self.assertEqual(self.script.commands("findAndModify"), [{
            "findAndModify": "items", "query": {"_id": "1"}, "new": True,
            "update": {"_id": "1", "key": "k"}, "upsert": True, "$db": "testdb",
        }])

    async def test_set_duplicate_key_is_a_conflict(self) -> None:
        persistence = await self.open()
        self.script.on("findAndModify", lambda request: request.command_err(11000, DUPLICATE_ID_ERROR["errmsg"]))
        with self.assertRaises(ConflictException) as raised:
            await persistence.set(None, {"id": "1"})
        self.assertEqual(raised.exception.code, "DUPLICATE_ID")

    async def test_update_replaces_without_upsert(self) -> None:
        persistence = await self.open()
        self.assertIsNone(await persistence.update(None, {"id": "404", "key": "k"}))
        modify = self.script.commands("findAndModify")[0]
        self.assertEqual((modify["query"], modify["update"], modify["upsert"]),
                         ({"_id": {"$eq": "404"}}, {"_id": "404", "key": "k"}, False))

    async def test_update_without_id_sends_nothing(self) -> None:
        persistence = await self.open()
        self.assertIsNone(await persistence.update(None, {"key": "k"}))
        self.assertEqual(self.script.requests, [])

    async def test_update_partially_sets_the_fields_but_id(self) -> None:
        persistence = await self.open()
        self.script.on("findAndModify", {"value": {"_id": "3", "content": "p", "count": 33}})
        updated = await persistence.update_partially(None, "3", {"id": "9", "content": "p", "count": 33})
        self.assertEqual(updated, {"id": "3", "content": "p", "count": 33})
        modify = self.script.commands("findAndModify")[0]
        self.assertEqual((modify["query"], modify["update"], modify["new"], modify["upsert"]),
                         ({"_id": {"$eq": "3"}}, {"$set": {"content": "p", "count": 33}}, True, False))

    async def test_update_partially_with_nothing_reads(self) -> None:
        persistence = await self.open()
        await persistence.update_partially(None, "3", {"id": "3"})
        self.assertEqual(self.script.names(), ["find"])


class DeleteTests(WireTestCase):
    async def test_delete_by_id_removes_and_returns(self) -> None:
        persistence = await self.open()
        self.script.on("findAndModify", {"value": {"_id": "2", "key": "k2"}})
        self.assertEqual(await persistence.delete_by_id(None, "2"), {"id": "2", "key": "k2"})
        modify = self.script.commands("findAndModify")[0]
        self.assertEqual((modify["query"], modify["remove"]), ({"_id": {"$eq": "2"}}, True))

    async def test_delete_by_ids_filter_and_clear(self) -> None:
        persistence = await self.open()
        await persistence.delete_by_ids(None, ["1", "3"])
        await persistence.delete_by_filter(None, FilterParams.from_tuples("group", "a"))
        await persistence.clear(None)
        await persistence.delete_by_ids(None, [])
        deletes = [command["deletes"] for command in self.script.commands("delete")]
        self.assertEqual(deletes, [
            [{"q": {"_id": {"$in": ["1", "3"]}}, "limit": 0}],
            [{"q": {"group": {"$eq": "a"}}, "limit": 0}],
            [{"q": {}, "limit": 0}],
        ])


def _config(port: int) -> Any:
    from ._base import config_for

    return config_for(port)
