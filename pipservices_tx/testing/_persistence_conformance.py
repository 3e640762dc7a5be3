# -*- test-case-name: tests.persistence.test_memory_persistence -*-
"""PersistenceConformanceMixin: the checks every identifiable persistence must pass."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from twisted.internet.defer import gatherResults, maybeDeferred

from ..data import FilterParams, PagingParams, SortParams
from ..errors import ConflictException
from ..lifecycle import ICleanable, IClosable

if TYPE_CHECKING:
    from twisted.trial.unittest import TestCase as _Base
else:
    _Base = object

HOSTILE_VALUES = (
    "O'Brien",
    'say "hi"',
    "'; DROP TABLE x; --",
    '"; DROP TABLE x; --',
    "$where",
    '{"$gt": ""}',
    "back\\slash",
    "100% _match_ *",
    ".*",
    "a,b;c=d&e?f",
    "line\nbreak\ttab",
    "日本語 ünïcödé 🚀",
)


def make_item(number: int, group: str = "a", **fields: Any) -> dict[str, Any]:
    """The kit's item: C{{"id": "1", "key": "k1", "content": "c1", "count": 1, "group": "a"}}."""
    item = {"id": str(number), "key": f"k{number}", "content": f"c{number}", "count": number, "group": group}
    item.update(fields)
    return item


class PersistenceConformanceMixin(_Base):
    """
    Trial tests of the whole surface of an identifiable persistence
    (C{IdentifiableMemoryPersistence} and every backend that mirrors it). Mix
    it in before C{twisted.trial.unittest.TestCase} and say how to make the
    persistence::

        class MyPersistenceTests(PersistenceConformanceMixin, unittest.TestCase):
            async def make_persistence(self):
                persistence = MyMongoPersistence()
                persistence.configure(ConfigParams.from_tuples("connection.uri", URI))
                await persistence.open(None)
                await persistence.clear(None)
                return persistence

    C{make_persistence} returns the persistence, opened and empty, or a
    Deferred or coroutine of it; after each test L{dispose_persistence} closes
    it (override to drop a schema...). Then run C{trial} on your test module.
    The tests await real Deferreds, so they run against real servers too.

    Items are maps with the fields C{id} (a string), C{key}, C{content},
    C{group} (strings) and C{count} (an integer); a table-based backend needs
    these columns. A returned item must hold these fields with the same values
    (extra fields are allowed). The kit filters only with L{FilterParams} on
    string fields (equality), sorts with L{SortParams} and pages with
    L{PagingParams}. The contract it checks, beyond the obvious:
      - a missing id reads, updates and deletes as None, never an error;
      - creating a taken id fails with C{ConflictException}, code C{DUPLICATE_ID};
      - C{DataPage.total} is None unless C{PagingParams.total} asks for it;
      - returned maps are copies: changing them does not change the store;
      - string values such as quotes, C{'; DROP TABLE x; --}, C{$where} and
        unicode are stored and matched verbatim;
      - 200 creates started at once all land.
    """

    persistence: Any

    def make_persistence(self) -> Any:
        """The persistence under test, opened and empty (or a Deferred or coroutine of it)."""
        raise NotImplementedError("make_persistence")

    def dispose_persistence(self, persistence: Any) -> Any:
        """Called after each test: closes the persistence when it is closable."""
        if IClosable.providedBy(persistence):
            return persistence.close(None)
        return None

    def setUp(self) -> Any:
        def made(persistence: Any) -> None:
            self.persistence = persistence
            self.addCleanup(self.dispose_persistence, persistence)

        return maybeDeferred(super().setUp).addCallback(lambda _: maybeDeferred(self.make_persistence)).addCallback(made)

    # -- helpers ----------------------------------------------------------------

    def assert_item(self, actual: Optional[dict[str, Any]], expected: dict[str, Any]) -> None:
        """C{actual} holds every field of C{expected} with the same value."""
        self.assertIsNotNone(actual, f"expected an item like {expected!r}")
        assert actual is not None
        self.assertEqual({key: actual.get(key) for key in expected}, expected)

    def assert_ids(self, items: list[dict[str, Any]], ids: list[str], ordered: bool = False) -> None:
        actual = [item.get("id") for item in items]
        self.assertEqual(actual if ordered else sorted(actual), ids if ordered else sorted(ids))

    async def create_items(self, *items: dict[str, Any]) -> list[dict[str, Any]]:
        """Creates the items one after the other."""
        return [await self.persistence.create(None, item) for item in items]

    async def create_five(self) -> None:
        """Items 1..5; 1, 3 and 5 in group C{a}, 2 and 4 in group C{b}."""
        await self.create_items(*(make_item(n, "a" if n % 2 else "b") for n in range(1, 6)))

    # -- create and read --------------------------------------------------------

    async def test_create_with_id(self) -> None:
        item = make_item(1)
        created = await self.persistence.create(None, item)
        self.assert_item(created, item)
        self.assert_item(await self.persistence.get_one_by_id(None, "1"), item)

    async def test_create_without_id_generates_one(self) -> None:
        first = await self.persistence.create(None, {"key": "k1", "content": "c1", "count": 1, "group": "a"})
        second = await self.persistence.create(None, {"key": "k2", "content": "c2", "count": 2, "group": "a"})
        self.assertIsNotNone(first.get("id"))
        self.assertNotEqual(first["id"], second["id"])
        self.assert_item(await self.persistence.get_one_by_id(None, first["id"]), {"key": "k1", "count": 1})

    async def test_create_duplicate_id_is_a_conflict(self) -> None:
        await self.persistence.create(None, make_item(1))
        with self.assertRaises(ConflictException) as context:
            await self.persistence.create(None, make_item(1, content="other"))
        self.assertEqual(context.exception.code, "DUPLICATE_ID")
        self.assert_item(await self.persistence.get_one_by_id(None, "1"), make_item(1))
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 1)

    async def test_missing_id_reads_as_none(self) -> None:
        await self.create_five()
        self.assertIsNone(await self.persistence.get_one_by_id(None, "404"))

    async def test_get_list_by_ids(self) -> None:
        await self.create_five()
        self.assert_ids(await self.persistence.get_list_by_ids(None, ["2", "4", "404"]), ["2", "4"])
        self.assertEqual(await self.persistence.get_list_by_ids(None, ["404"]), [])

    # -- pages, filters and sorts ----------------------------------------------

    async def test_page_with_filter(self) -> None:
        await self.create_five()
        page = await self.persistence.get_page_by_filter(None, FilterParams.from_tuples("group", "a"), None)
        self.assert_ids(page.data, ["1", "3", "5"])
        both = FilterParams.from_tuples("group", "b", "key", "k4")
        self.assert_ids((await self.persistence.get_page_by_filter(None, both, None)).data, ["4"])
        nothing = FilterParams.from_tuples("group", "z")
        self.assertEqual((await self.persistence.get_page_by_filter(None, nothing, None)).data, [])

    async def test_page_without_filter(self) -> None:
        await self.create_five()
        self.assert_ids((await self.persistence.get_page_by_filter(None, None, None)).data, ["1", "2", "3", "4", "5"])
        page = await self.persistence.get_page_by_filter(None, FilterParams(), PagingParams())
        self.assert_ids(page.data, ["1", "2", "3", "4", "5"])

    async def test_page_sorted_ascending_and_descending(self) -> None:
        await self.create_five()
        ascending = await self.persistence.get_page_by_filter(None, None, None, SortParams.from_string("key"))
        self.assert_ids(ascending.data, ["1", "2", "3", "4", "5"], ordered=True)
        descending = await self.persistence.get_page_by_filter(None, None, None, SortParams.from_string("-count"))
        self.assert_ids(descending.data, ["5", "4", "3", "2", "1"], ordered=True)
        two_fields = await self.persistence.get_page_by_filter(None, None, None, SortParams.from_string("group,-count"))
        self.assert_ids(two_fields.data, ["5", "3", "1", "4", "2"], ordered=True)

    async def test_page_skip_take_and_total(self) -> None:
        await self.create_five()
        sort = SortParams.from_string("key")
        page = await self.persistence.get_page_by_filter(None, None, PagingParams(1, 2, True), sort)
        self.assert_ids(page.data, ["2", "3"], ordered=True)
        self.assertEqual(page.total, 5)
        group_a = FilterParams.from_tuples("group", "a")
        page = await self.persistence.get_page_by_filter(None, group_a, PagingParams(2, 10, True), sort)
        self.assert_ids(page.data, ["5"], ordered=True)
        self.assertEqual(page.total, 3)
        beyond = await self.persistence.get_page_by_filter(None, None, PagingParams(10, 2, True), sort)
        self.assertEqual((beyond.data, beyond.total), ([], 5))

    async def test_page_total_absent_unless_asked(self) -> None:
        await self.create_five()
        page = await self.persistence.get_page_by_filter(None, None, PagingParams(0, 2))
        self.assertEqual(len(page.data), 2)
        self.assertIsNone(page.total)
        self.assertIsNone((await self.persistence.get_page_by_filter(None, None, None)).total)

    async def test_get_list_by_filter(self) -> None:
        await self.create_five()
        items = await self.persistence.get_list_by_filter(
            None, FilterParams.from_tuples("group", "b"), SortParams.from_string("-key")
        )
        self.assert_ids(items, ["4", "2"], ordered=True)
        self.assert_item(items[0], make_item(4, "b"))

    async def test_get_count_by_filter(self) -> None:
        await self.create_five()
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 5)
        self.assertEqual(await self.persistence.get_count_by_filter(None, FilterParams.from_tuples("group", "b")), 2)
        self.assertEqual(await self.persistence.get_count_by_filter(None, FilterParams.from_tuples("group", "z")), 0)

    async def test_get_one_random(self) -> None:
        await self.create_five()
        anyone = await self.persistence.get_one_random(None, None)
        self.assertIn(anyone["id"], {"1", "2", "3", "4", "5"})
        for _ in range(5):
            in_b = await self.persistence.get_one_random(None, FilterParams.from_tuples("group", "b"))
            self.assertIn(in_b["id"], {"2", "4"})
            self.assert_item(in_b, make_item(int(in_b["id"]), "b"))
        self.assertIsNone(await self.persistence.get_one_random(None, FilterParams.from_tuples("group", "z")))

    # -- updates ----------------------------------------------------------------

    async def test_update(self) -> None:
        await self.create_five()
        changed = make_item(2, "b", content="changed", count=20)
        self.assert_item(await self.persistence.update(None, changed), changed)
        self.assert_item(await self.persistence.get_one_by_id(None, "2"), changed)
        self.assert_item(await self.persistence.get_one_by_id(None, "3"), make_item(3))

    async def test_update_missing_id_gives_none(self) -> None:
        await self.create_five()
        self.assertIsNone(await self.persistence.update(None, make_item(404)))
        self.assertIsNone(await self.persistence.get_one_by_id(None, "404"))
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 5)

    async def test_set_creates_and_replaces(self) -> None:
        self.assert_item(await self.persistence.set(None, make_item(1)), make_item(1))
        replaced = make_item(1, content="replaced")
        self.assert_item(await self.persistence.set(None, replaced), replaced)
        self.assert_item(await self.persistence.get_one_by_id(None, "1"), replaced)
        generated = await self.persistence.set(None, {"key": "k9", "content": "c9", "count": 9, "group": "a"})
        self.assertIsNotNone(generated.get("id"))
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 2)

    async def test_update_partially(self) -> None:
        await self.create_five()
        updated = await self.persistence.update_partially(None, "3", {"content": "partial", "count": 33})
        expected = make_item(3, content="partial", count=33)
        self.assert_item(updated, expected)
        self.assert_item(await self.persistence.get_one_by_id(None, "3"), expected)
        self.assertIsNone(await self.persistence.update_partially(None, "404", {"content": "x"}))
        self.assertIsNone(await self.persistence.get_one_by_id(None, "404"))

    # -- deletes ----------------------------------------------------------------

    async def test_delete_by_id(self) -> None:
        await self.create_five()
        self.assert_item(await self.persistence.delete_by_id(None, "2"), make_item(2, "b"))
        self.assertIsNone(await self.persistence.get_one_by_id(None, "2"))
        self.assertIsNone(await self.persistence.delete_by_id(None, "2"))
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 4)

    async def test_delete_by_ids(self) -> None:
        await self.create_five()
        await self.persistence.delete_by_ids(None, ["1", "3", "404"])
        self.assert_ids(await self.persistence.get_list_by_filter(None, None), ["2", "4", "5"])

    async def test_delete_by_filter(self) -> None:
        await self.create_five()
        await self.persistence.delete_by_filter(None, FilterParams.from_tuples("group", "a"))
        self.assert_ids(await self.persistence.get_list_by_filter(None, None), ["2", "4"])
        await self.persistence.delete_by_filter(None, FilterParams.from_tuples("group", "z"))
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 2)

    async def test_clear(self) -> None:
        cleanable = ICleanable.providedBy(self.persistence)
        if not cleanable:
            self.skipTest("the persistence is not ICleanable")
        await self.create_five()
        await self.persistence.clear(None)
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 0)

    # -- concurrency, copies, hostile values -------------------------------------

    async def test_concurrent_creates(self) -> None:
        items = [make_item(n, "a" if n % 2 else "b") for n in range(200)]
        created = await gatherResults([self.persistence.create(None, item) for item in items])
        self.assertEqual(len(created), 200)
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 200)
        found = await self.persistence.get_list_by_ids(None, [item["id"] for item in items])
        self.assert_ids(found, [item["id"] for item in items])
        self.assertEqual(await self.persistence.get_count_by_filter(None, FilterParams.from_tuples("group", "a")), 100)

    async def test_concurrent_creates_without_ids(self) -> None:
        items = [{"key": f"k{n}", "content": "c", "count": n, "group": "a"} for n in range(200)]
        created = await gatherResults([self.persistence.create(None, item) for item in items])
        self.assertEqual(len({item["id"] for item in created}), 200)
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), 200)

    async def test_concurrent_updates(self) -> None:
        await self.create_items(*(make_item(n) for n in range(50)))
        await gatherResults(
            [self.persistence.update_partially(None, str(n), {"content": f"u{n}"}) for n in range(50)]
            + [self.persistence.create(None, make_item(n)) for n in range(50, 100)]
        )
        items = await self.persistence.get_list_by_filter(None, None)
        self.assertEqual(len(items), 100)
        for item in items:
            number = int(item["id"])
            self.assertEqual(item["content"], f"u{number}" if number < 50 else f"c{number}")

    async def test_returned_items_are_copies(self) -> None:
        item = make_item(1, tags=["x"])
        created = await self.persistence.create(None, item)
        item["content"] = "changed input"
        created["content"] = "changed output"
        read = await self.persistence.get_one_by_id(None, "1")
        read["content"] = "changed read"
        page = await self.persistence.get_page_by_filter(None, None, None)
        page.data[0]["content"] = "changed page"
        listed = await self.persistence.get_list_by_filter(None, None)
        listed[0]["content"] = "changed list"
        (await self.persistence.get_list_by_ids(None, ["1"]))[0]["content"] = "changed by ids"
        updated = await self.persistence.update_partially(None, "1", {"count": 2})
        updated["content"] = "changed update"
        self.assert_item(await self.persistence.get_one_by_id(None, "1"), make_item(1, count=2))

    async def test_hostile_values_round_trip(self) -> None:
        for number, value in enumerate(HOSTILE_VALUES):
            await self.persistence.create(None, make_item(number, key=value, content=value))
        self.assertEqual(await self.persistence.get_count_by_filter(None, None), len(HOSTILE_VALUES))
        for number, value in enumerate(HOSTILE_VALUES):
            found = await self.persistence.get_list_by_filter(None, FilterParams.from_tuples("content", value))
            self.assertEqual(len(found), 1, f"filter on {value!r}")
            self.assert_item(found[0], make_item(number, key=value, content=value))
            by_id = await self.persistence.get_one_by_id(None, str(number))
            self.assertEqual(by_id["content"], value)
