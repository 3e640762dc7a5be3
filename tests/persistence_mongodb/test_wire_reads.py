# -*- test-case-name: tests.persistence_mongodb.test_wire_reads -*-
"""The find and count commands the MongoDB persistences send, and how they read the replies."""

from __future__ import annotations

import random

from pipservices_tx.data import FilterParams, PagingParams
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence, MongoDbPersistence

from ._base import WireTestCase


class PageTests(WireTestCase):
    async def test_page_sends_filter_skip_limit_sort_and_projection(self) -> None:
        persistence = await self.open()
        self.reply_documents({"_id": "1", "key": "k1"}, {"_id": "2", "key": "k2"})
        page = await persistence.get_page_by_filter(
            None, FilterParams.from_tuples("group", "a", "count", 3), PagingParams(5, 10), "key,-count", "id,key"
        )
        self.assertEqual(page.data, [{"id": "1", "key": "k1"}, {"id": "2", "key": "k2"}])
        self.assertIsNone(page.total)
        self.assertEqual(self.script.names(), ["find"])
        find = self.script.commands("find")[0]
        self.assertEqual(find, {
            "find": "items",
            "filter": {"group": {"$eq": "a"}, "count": {"$in": ["3", 3]}},
            "sort": {"key": 1, "count": -1},
            "projection": {"_id": 1, "key": 1},
            "skip": 5,
            "limit": 10,
            "$db": "testdb",
        })
        self.assertEqual(list(find["sort"]), ["key", "count"])

    async def test_projection_without_id_leaves_id_out(self) -> None:
        persistence = await self.open()
        await persistence.get_list_by_filter(None, None, None, "key,center(type)")
        self.assertEqual(self.script.commands("find")[0]["projection"], {"key": 1, "center.type": 1, "_id": 0})

    async def test_total_is_counted_only_when_asked(self) -> None:
        persistence = await self.open()
        self.script.on("count", {"n": 42})
        group = FilterParams.from_tuples("group", "a")
        page = await persistence.get_page_by_filter(None, group, PagingParams(0, 2, True))
        self.assertEqual(page.total, 42)
        self.assertEqual(self.script.commands("count"), [
            {"count": "items", "query": {"group": {"$eq": "a"}}, "$db": "testdb"},
        ])
        self.script.requests.clear()
        await persistence.get_page_by_filter(None, group, PagingParams(0, 2, False))
        await persistence.get_page_by_filter(None, group, None)
        self.assertEqual(self.script.names(), ["find", "find"])

    async def test_take_is_bounded_by_max_page_size(self) -> None:
        persistence = await self.open(max_page_size=3)
        await persistence.get_page_by_filter(None, None, PagingParams(0, 50))
        await persistence.get_page_by_filter(None, None, None)
        self.assertEqual([find["limit"] for find in self.script.commands("find")], [3, 3])
        self.assertNotIn("skip", self.script.commands("find")[1])

    async def test_an_empty_page_sends_no_find(self) -> None:
        """Mongo reads C{limit: 0} as no limit, so an empty page (a negative take) must not ask."""
        persistence = await self.open()
        self.script.on("count", {"n": 7})
        page = await persistence.get_page_by_filter(None, None, PagingParams(0, -1, True))
        self.assertEqual((page.data, page.total), ([], 7))
        self.assertEqual(self.script.names(), ["count"])

    async def test_a_field_named_query_keeps_filter_and_sort_apart(self) -> None:
        """txmongo's own sort argument would merge C{$orderby} into a filter with a C{query} field."""
        persistence = await self.open()
        await persistence.get_list_by_filter(None, FilterParams.from_tuples("query", "x"), "-query")
        find = self.script.commands("find")[0]
        self.assertEqual(find["filter"], {"query": {"$eq": "x"}})
        self.assertEqual(find["sort"], {"query": -1})

    async def test_list_and_count(self) -> None:
        persistence = await self.open()
        self.reply_documents({"_id": "1", "tags": ["x"], "nested": {"a": 1}})
        self.script.on("count", {"n": 5})
        items = await persistence.get_list_by_filter(None, "group=b", "id")
        self.assertEqual(items, [{"id": "1", "tags": ["x"], "nested": {"a": 1}}])
        self.assertEqual(await persistence.get_count_by_filter(None, {"group": "b"}), 5)
        find, count = self.script.commands()
        self.assertEqual((find["filter"], find["sort"]), ({"group": {"$eq": "b"}}, {"_id": 1}))
        self.assertNotIn("limit", find)
        self.assertEqual(count["query"], {"group": {"$eq": "b"}})

    async def test_null_filter_value_matches_missing_or_null(self) -> None:
        persistence = await self.open()
        filter = FilterParams()
        filter["deleted"] = None
        await persistence.get_list_by_filter(None, filter)
        self.assertEqual(self.script.commands("find")[0]["filter"], {"deleted": {"$eq": None}})

    async def test_one_random_counts_then_skips(self) -> None:
        persistence = IdentifiableMongoDbPersistence(random_source=random.Random(7))
        persistence = await self.open(persistence)
        self.script.on("count", {"n": 10})
        self.reply_documents({"_id": "4", "group": "b"})
        item = await persistence.get_one_random(None, FilterParams.from_tuples("group", "b"))
        self.assertEqual(item, {"id": "4", "group": "b"})
        count, find = self.script.commands()
        self.assertEqual(count["query"], {"group": {"$eq": "b"}})
        self.assertEqual(find["skip"], random.Random(7).randrange(10))
        self.assertEqual(find["limit"], 1)

    async def test_one_random_of_nothing_is_none(self) -> None:
        persistence = await self.open()
        self.assertIsNone(await persistence.get_one_random(None, None))
        self.assertEqual(self.script.names(), ["count"])


class ByIdTests(WireTestCase):
    async def test_get_one_by_id(self) -> None:
        persistence = await self.open()
        self.reply_documents({"_id": "7", "key": "k7"})
        self.assertEqual(await persistence.get_one_by_id(None, "7"), {"id": "7", "key": "k7"})
        find = self.script.commands("find")[0]
        self.assertEqual((find["filter"], find["limit"]), ({"_id": {"$eq": "7"}}, 1))

    async def test_missing_id_reads_as_none(self) -> None:
        persistence = await self.open()
        self.assertIsNone(await persistence.get_one_by_id(None, "404"))

    async def test_list_by_ids_keeps_the_order_asked(self) -> None:
        persistence = await self.open()
        self.reply_documents({"_id": "1"}, {"_id": "3"}, {"_id": "2"})
        items = await persistence.get_list_by_ids(None, ["2", "404", "1", "2", "3"])
        self.assertEqual([item["id"] for item in items], ["2", "1", "3"])
        self.assertEqual(self.script.commands("find")[0]["filter"], {"_id": {"$in": ["2", "404", "1", "2", "3"]}})

    async def test_list_by_no_ids_sends_nothing(self) -> None:
        persistence = await self.open()
        self.assertEqual(await persistence.get_list_by_ids(None, []), [])
        self.assertEqual(self.script.requests, [])

    async def test_plain_persistence_reads_by_filter(self) -> None:
        persistence = await self.open(MongoDbPersistence())
        self.reply_documents({"_id": "x", "a": 1})
        self.assertEqual(await persistence.get_list_by_filter(None, None), [{"id": "x", "a": 1}])
        self.assertFalse(hasattr(persistence, "get_one_by_id"))
