# -*- test-case-name: tests.persistence_mongodb.test_hostile -*-
"""Hostile values reach the server as literals; operator field names never reach it."""

from __future__ import annotations

from typing import Any, Callable

from pipservices_tx.data import FilterParams
from pipservices_tx.errors import BadRequestException
from pipservices_tx.testing import HOSTILE_VALUES

from ._base import WireTestCase

HOSTILE = (*HOSTILE_VALUES, '{"$where": "sleep(1000)"}', "'; db.dropDatabase()", '{"$ne": null}', "$gt")


class HostileValueTests(WireTestCase):
    async def test_filter_values_are_sent_as_literals(self) -> None:
        persistence = await self.open()
        for value in HOSTILE:
            await persistence.get_list_by_filter(None, FilterParams.from_tuples("content", value))
        filters = [find["filter"] for find in self.script.commands("find")]
        self.assertEqual(filters, [{"content": {"$eq": value}} for value in HOSTILE])

    async def test_a_map_set_as_a_filter_value_is_compared_as_text(self) -> None:
        persistence = await self.open()
        filter = FilterParams()
        filter["content"] = {"$where": "sleep(1000)"}  # type: ignore[assignment]
        await persistence.get_list_by_filter(None, filter)
        self.assertEqual(self.script.commands("find")[0]["filter"], {"content": {"$eq": "{'$where': 'sleep(1000)'}"}})

    async def test_ids_are_sent_as_literals(self) -> None:
        persistence = await self.open()
        await persistence.get_one_by_id(None, "'; db.dropDatabase()")
        await persistence.delete_by_id(None, '{"$ne": null}')
        await persistence.get_list_by_ids(None, ["$where", "1"])
        await persistence.set(None, {"id": "'; db.dropDatabase()"})
        self.assertEqual([command.get("filter", command.get("query")) for command in self.script.commands()], [
            {"_id": {"$eq": "'; db.dropDatabase()"}},
            {"_id": {"$eq": '{"$ne": null}'}},
            {"_id": {"$in": ["$where", "1"]}},
            {"_id": "'; db.dropDatabase()"},
        ])

    async def test_stored_values_are_sent_as_they_are(self) -> None:
        persistence = await self.open()
        item = {"id": "1", "content": {"inner": "'; db.dropDatabase()"}, "key": '{"$where": "1"}'}
        await persistence.create(None, item)
        await persistence.update_partially(None, "1", {"content": "$where"})
        self.assertEqual(self.script.commands("insert")[0]["documents"][0]["key"], '{"$where": "1"}')
        self.assertEqual(self.script.commands("findAndModify")[0]["update"], {"$set": {"content": "$where"}})


class OperatorNameTests(WireTestCase):
    async def assert_refused(self, call: Callable[[], Any], code: str = "INVALID_FIELD") -> None:
        with self.assertRaises(BadRequestException) as raised:
            await call()
        self.assertEqual(raised.exception.code, code)
        self.assertEqual(raised.exception.correlation_id, "cid")

    async def test_operator_field_names_are_refused_before_sending(self) -> None:
        persistence = await self.open()
        for name in ("$where", "a.$gt", "$or", "bad\x00name", "", "content.$ne"):
            filter = FilterParams()
            filter[name] = "1"
            await self.assert_refused(lambda filter=filter: persistence.get_list_by_filter("cid", filter))
        await self.assert_refused(lambda: persistence.get_count_by_filter("cid", {"content": {"$gt": ""}}))
        await self.assert_refused(lambda: persistence.get_page_by_filter("cid", None, None, "$natural"))
        await self.assert_refused(lambda: persistence.get_list_by_filter("cid", None, None, "id,$meta"))
        await self.assert_refused(lambda: persistence.delete_by_filter("cid", "$where=1"))
        await self.assert_refused(lambda: persistence.create("cid", {"$where": "1"}))
        await self.assert_refused(lambda: persistence.set("cid", {"id": "1", "$set": {"admin": True}}))
        await self.assert_refused(lambda: persistence.update_partially("cid", "1", {"$inc": {"n": 1}}))
        await self.assert_refused(lambda: persistence.update_partially("cid", "1", {"a.$": 1}))
        self.assertEqual(self.script.requests, [])

    async def test_ids_that_are_documents_are_refused(self) -> None:
        persistence = await self.open()
        await self.assert_refused(lambda: persistence.get_one_by_id("cid", {"$ne": None}), "INVALID_ID")
        await self.assert_refused(lambda: persistence.get_list_by_ids("cid", [{"$gt": ""}]), "INVALID_ID")
        await self.assert_refused(lambda: persistence.delete_by_ids("cid", [["1"]]), "INVALID_ID")
        await self.assert_refused(lambda: persistence.set("cid", {"id": {"$ne": None}}), "INVALID_ID")
        await self.assert_refused(lambda: persistence.update("cid", {"id": {"$gt": ""}}), "INVALID_ID")
        self.assertEqual(self.script.requests, [])

    async def test_function_filters_and_sorts_are_refused(self) -> None:
        persistence = await self.open()
        await self.assert_refused(lambda: persistence.get_list_by_filter("cid", lambda item: True), "UNSUPPORTED_FILTER")
        await self.assert_refused(
            lambda: persistence.get_list_by_filter("cid", None, lambda item: item["id"]), "UNSUPPORTED_SORT"
        )
