# -*- test-case-name: tests.persistence.test_memory_persistence -*-
"""The memory persistences: the conformance kit, plus what only memory does."""

from __future__ import annotations

import random
from typing import Any

from twisted.trial import unittest
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.data import FilterParams, PagingParams, ProjectionParams, SortParams
from pipservices_tx.errors import BadRequestException, ConflictException, InternalException
from pipservices_tx.lifecycle import ICleanable, IOpenable
from pipservices_tx.persistence import (
    IdentifiableMemoryPersistence,
    IFilteredPageReader,
    IFilteredReader,
    IGetter,
    IPartialUpdater,
    ISetter,
    IWriter,
    MemoryPersistence,
)
from pipservices_tx.refer import IReferenceable
from pipservices_tx.testing import PersistenceConformanceMixin, make_item


class IdentifiableMemoryPersistenceConformanceTests(PersistenceConformanceMixin, unittest.TestCase):
    def make_persistence(self) -> IdentifiableMemoryPersistence:
        persistence = IdentifiableMemoryPersistence()
        persistence.open(None)
        return persistence


class MemoryPersistenceTests(unittest.SynchronousTestCase):
    def setUp(self) -> None:
        self.persistence = IdentifiableMemoryPersistence()

    def fill(self, count: int, **extra: Any) -> None:
        for number in range(count):
            self.successResultOf(self.persistence.create(None, make_item(number, "a" if number % 2 else "b", **extra)))

    def test_interfaces(self) -> None:
        for interface in (IGetter, ISetter, IWriter, IPartialUpdater, IFilteredReader, IFilteredPageReader,
                          IOpenable, ICleanable, IConfigurable, IReferenceable):
            self.assertTrue(verifyObject(interface, self.persistence))
        base = MemoryPersistence()
        for interface in (IFilteredReader, IFilteredPageReader, IOpenable, ICleanable, IConfigurable):
            self.assertTrue(verifyObject(interface, base))

    def test_open_close(self) -> None:
        self.assertFalse(self.persistence.is_open())
        self.successResultOf(self.persistence.open(None))
        self.assertTrue(self.persistence.is_open())
        self.successResultOf(self.persistence.close(None))
        self.assertFalse(self.persistence.is_open())

    def test_max_page_size_defaults_to_100(self) -> None:
        self.fill(150)
        page = self.successResultOf(self.persistence.get_page_by_filter(None, None, None))
        self.assertEqual(len(page.data), 100)
        page = self.successResultOf(self.persistence.get_page_by_filter(None, None, PagingParams(0, 500, True)))
        self.assertEqual((len(page.data), page.total), (100, 150))
        self.assertEqual(len(self.successResultOf(self.persistence.get_list_by_filter(None, None))), 150)

    def test_max_page_size_from_config(self) -> None:
        self.persistence.configure(ConfigParams.from_tuples("options.max_page_size", "7"))
        self.fill(20)
        page = self.successResultOf(self.persistence.get_page_by_filter(None, None, PagingParams(take=10)))
        self.assertEqual(len(page.data), 7)
        page = self.successResultOf(self.persistence.get_page_by_filter(None, None, PagingParams(take=3)))
        self.assertEqual(len(page.data), 3)

    def test_items_from_config(self) -> None:
        config = ConfigParams.from_value({"items": [
            {"id": "1", "label": "first", "center": {"type": "Point"}},
            {"label": "no id"},
        ]})
        self.persistence.configure(config)
        self.assertEqual(
            self.successResultOf(self.persistence.get_one_by_id(None, "1")),
            {"id": "1", "label": "first", "center": {"type": "Point"}},
        )
        items = self.successResultOf(self.persistence.get_list_by_filter(None, {"label": "no id"}))
        self.assertEqual(len(items), 1)
        self.assertTrue(items[0]["id"])

    def test_config_values_stay_strings(self) -> None:
        self.persistence.configure(ConfigParams.from_tuples("items.0.id", "1", "items.0.radius", 50))
        self.assertEqual(self.successResultOf(self.persistence.get_one_by_id(None, "1")), {"id": "1", "radius": "50"})

    def test_page_copies_only_the_returned_items(self) -> None:
        self.fill(1000, marker=CountedCopy())
        CountedCopy.copies = 0
        page = self.successResultOf(self.persistence.get_page_by_filter(None, None, PagingParams(500, 10)))
        self.assertEqual((len(page.data), CountedCopy.copies), (10, 10))
        CountedCopy.copies = 0
        page = self.successResultOf(
            self.persistence.get_page_by_filter(None, FilterParams.from_tuples("group", "a"), PagingParams(5, 10, True))
        )
        self.assertEqual((len(page.data), page.total, CountedCopy.copies), (10, 500, 10))
        CountedCopy.copies = 0
        page = self.successResultOf(
            self.persistence.get_page_by_filter(None, None, PagingParams(0, 10, True), SortParams.from_string("-key"))
        )
        self.assertEqual((len(page.data), page.total, CountedCopy.copies), (10, 1000, 10))
        CountedCopy.copies = 0
        self.assertEqual(self.successResultOf(self.persistence.get_count_by_filter(None, {"group": "b"})), 500)
        self.successResultOf(self.persistence.get_one_random(None, {"group": "b"}))
        self.assertEqual(CountedCopy.copies, 1)

    def test_a_page_encoded_as_json_is_not_copied_and_its_data_is(self) -> None:
        from pipservices_tx.services import encode_json

        self.fill(4, marker=CountedCopy())
        CountedCopy.copies = 0
        filter_a = FilterParams.from_tuples("group", "a")
        page = self.successResultOf(self.persistence.get_page_by_filter(None, filter_a, PagingParams(0, 10)))
        self.assertIn(b'"group":"a","marker":{}}', encode_json(page))  # an object's public attributes: none
        self.assertEqual(CountedCopy.copies, 0)
        self.assertEqual(len(page.data), 2)
        self.assertEqual(CountedCopy.copies, 2)
        page.data[0]["group"] = "changed"
        page.data[0]["nested"] = {"x": 1}
        page.data.clear()
        again = self.successResultOf(self.persistence.get_page_by_filter(None, filter_a, PagingParams(0, 10)))
        self.assertEqual([item["group"] for item in again.data], ["a", "a"])
        self.assertNotIn("nested", again.data[0])

    def test_nested_values_of_an_encoded_page_stay_the_stores(self) -> None:
        from pipservices_tx.services import encode_json

        self.successResultOf(self.persistence.create(None, {"id": "1", "center": {"coordinates": [1, 2]}}))
        page = self.successResultOf(self.persistence.get_page_by_filter(None, None, None))
        self.assertEqual(encode_json(page), b'{"data":[{"id":"1","center":{"coordinates":[1,2]}}],"total":null}')
        page.data[0]["center"]["coordinates"].append(3)
        self.assertEqual(encode_json(page), b'{"data":[{"id":"1","center":{"coordinates":[1,2,3]}}],"total":null}')
        stored = self.successResultOf(self.persistence.get_one_by_id(None, "1"))
        self.assertEqual(stored["center"]["coordinates"], [1, 2])
        fresh = self.successResultOf(self.persistence.get_page_by_filter(None, None, None))
        self.assertEqual(encode_json(fresh), b'{"data":[{"id":"1","center":{"coordinates":[1,2]}}],"total":null}')

    def test_page_without_total_stops_scanning(self) -> None:
        self.fill(1000)
        seen = []

        def predicate(item: dict[str, Any]) -> bool:
            seen.append(item["id"])
            return True

        page = self.successResultOf(self.persistence.get_page_by_filter(None, predicate, PagingParams(0, 5)))
        self.assertEqual((len(page.data), len(seen)), (5, 5))

    def test_skip_and_take_without_sort_follow_insertion_order(self) -> None:
        self.fill(10)
        page = self.successResultOf(self.persistence.get_page_by_filter(None, {"group": "b"}, PagingParams(1, 2, True)))
        self.assertEqual(([item["id"] for item in page.data], page.total), (["2", "4"], 5))
        page = self.successResultOf(self.persistence.get_page_by_filter(None, None, PagingParams(8, 5, True)))
        self.assertEqual(([item["id"] for item in page.data], page.total), (["8", "9"], 10))

    def test_select(self) -> None:
        self.successResultOf(self.persistence.create(None, {"id": "1", "label": "x", "center": {"type": "Point", "coordinates": [1, 2]}}))
        page = self.successResultOf(self.persistence.get_page_by_filter(None, None, None, None, "id,center.type"))
        self.assertEqual(page.data, [{"id": "1", "center": {"type": "Point"}}])
        items = self.successResultOf(self.persistence.get_list_by_filter(None, None, None, ProjectionParams(["label"])))
        self.assertEqual(items, [{"label": "x"}])

    def test_filter_forms(self) -> None:
        self.successResultOf(self.persistence.create(None, {"id": "1", "center": {"type": "Point"}, "active": True, "radius": 50}))
        self.successResultOf(self.persistence.create(None, {"id": "2", "center": None, "active": False, "radius": 70}))
        def ids(filter: Any) -> list[str]:
            return [item["id"] for item in self.successResultOf(self.persistence.get_list_by_filter(None, filter))]
        self.assertEqual(ids({"center.type": "Point"}), ["1"])
        self.assertEqual(ids({"center": {"type": "Point"}}), ["1"])
        self.assertEqual(ids("active=true"), ["1"])
        self.assertEqual(ids(FilterParams.from_tuples("radius", 70)), ["2"])
        self.assertEqual(ids(FilterParams({"center": None})), ["2"])
        self.assertEqual(ids(lambda item: item["radius"] > 60), ["2"])
        self.assertEqual(ids({"missing": "x"}), [])

    def test_callable_sort(self) -> None:
        self.fill(5)
        items = self.successResultOf(self.persistence.get_list_by_filter(None, None, lambda item: -item["count"]))
        self.assertEqual([item["id"] for item in items], ["4", "3", "2", "1", "0"])

    def test_sort_mixed_types_and_missing_fields(self) -> None:
        for id, value in (("1", "b"), ("2", None), ("3", 2), ("4", "a"), ("5", True)):
            self.successResultOf(self.persistence.create(None, {"id": id, "v": value}))
        self.successResultOf(self.persistence.create(None, {"id": "6"}))
        items = self.successResultOf(self.persistence.get_list_by_filter(None, None, "v"))
        self.assertEqual([item["id"] for item in items], ["2", "6", "5", "3", "4", "1"])

    def test_compose_filter_override(self) -> None:
        persistence = UdisPersistence()
        for id, udi in (("1", "00001"), ("2", "00002"), ("3", "00003")):
            self.successResultOf(persistence.create(None, {"id": id, "udi": udi, "site_id": "1" if id != "3" else "2"}))
        items = self.successResultOf(persistence.get_list_by_filter(None, {"udis": "00001,00003", "site_id": "1"}))
        self.assertEqual([item["id"] for item in items], ["1"])
        items = self.successResultOf(persistence.get_list_by_filter(None, {"udis": ["00002", "00003"]}))
        self.assertEqual([item["id"] for item in items], ["2", "3"])

    def test_update_partially_keeps_the_id(self) -> None:
        self.fill(2)
        item = self.successResultOf(self.persistence.update_partially(None, "1", {"id": "9", "content": "x"}))
        self.assertEqual((item["id"], item["content"]), ("1", "x"))
        self.assertIsNone(self.successResultOf(self.persistence.get_one_by_id(None, "9")))

    def test_get_list_by_ids_keeps_order_once(self) -> None:
        self.fill(5)
        items = self.successResultOf(self.persistence.get_list_by_ids(None, ["3", "1", "3", "404"]))
        self.assertEqual([item["id"] for item in items], ["3", "1"])

    def test_set_keeps_the_place(self) -> None:
        self.fill(3)
        self.successResultOf(self.persistence.set(None, make_item(0, content="new")))
        items = self.successResultOf(self.persistence.get_list_by_filter(None, None))
        self.assertEqual([(item["id"], item["content"]) for item in items], [("0", "new"), ("1", "c1"), ("2", "c2")])

    def test_duplicate_id_details(self) -> None:
        self.fill(1)
        error = self.failureResultOf(self.persistence.create("cid", make_item(0)), ConflictException).value
        self.assertEqual((error.code, error.correlation_id, error.details), ("DUPLICATE_ID", "cid", {"id": "0"}))

    def test_an_item_must_be_a_map(self) -> None:
        error = self.failureResultOf(self.persistence.create("cid", ["id", "1"]), BadRequestException).value  # type: ignore[arg-type]
        self.assertEqual((error.code, error.correlation_id), ("INVALID_ITEM", "cid"))

    def test_a_raising_filter_is_an_internal_error(self) -> None:
        self.fill(1)
        def broken(item: dict[str, Any]) -> bool:
            raise KeyError("nope")
        error = self.failureResultOf(self.persistence.get_list_by_filter("cid", broken), InternalException).value
        self.assertEqual(error.correlation_id, "cid")
        self.assertIsInstance(error.__cause__, KeyError)

    def test_random_uses_the_given_source(self) -> None:
        persistence = IdentifiableMemoryPersistence(random_source=random.Random(3))
        for number in range(10):
            self.successResultOf(persistence.create(None, make_item(number)))
        seen = {self.successResultOf(persistence.get_one_random(None))["id"] for _ in range(100)}
        self.assertEqual(seen, {str(number) for number in range(10)})

    def test_plain_memory_persistence(self) -> None:
        persistence = MemoryPersistence()
        self.successResultOf(persistence.create(None, {"name": "a"}))
        self.successResultOf(persistence.create(None, {"name": "a"}))
        self.successResultOf(persistence.create(None, {"name": "b"}))
        self.assertEqual(self.successResultOf(persistence.get_count_by_filter(None, {"name": "a"})), 2)
        self.successResultOf(persistence.delete_by_filter(None, {"name": "a"}))
        self.assertEqual(self.successResultOf(persistence.get_list_by_filter(None, None)), [{"name": "b"}])
        self.successResultOf(persistence.clear(None))
        self.assertEqual(self.successResultOf(persistence.get_count_by_filter(None, None)), 0)


class CountedCopy:
    """A value that counts how often it is deep-copied."""

    copies = 0

    def __deepcopy__(self, memo: dict[int, Any]) -> CountedCopy:
        CountedCopy.copies += 1
        return self


class UdisPersistence(IdentifiableMemoryPersistence):
    """A subclass with a filter key of its own, as the beacons sample has."""

    def _compose_filter(self, filter_params: FilterParams) -> Any:
        udis = filter_params.get_as_string_list("udis")
        rest = super()._compose_filter(FilterParams({k: v for k, v in filter_params.items() if k != "udis"}))

        def matches(item: dict[str, Any]) -> bool:
            return (udis is None or item.get("udi") in udis) and (rest is None or rest(item))

        return matches
