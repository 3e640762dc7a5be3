"""What the SQL persistences add to the conformance kit, run on each backend in each mode."""

from __future__ import annotations

from typing import Any, Optional

from zope.interface.verify import verifyObject

from pipservices_tx.config import IConfigurable
from pipservices_tx.data import FilterParams, PagingParams, SortParams
from pipservices_tx.errors import (
    BadRequestException,
    ConflictException,
    InternalException,
    InvalidStateException,
    UnsupportedException,
)
from pipservices_tx.lifecycle import ICleanable, IOpenable
from pipservices_tx.persistence import (
    IFilteredPageReader,
    IFilteredReader,
    IGetter,
    IPartialUpdater,
    ISetter,
    IWriter,
)
from pipservices_tx.persistence.sql import SqlCondition, and_conditions
from pipservices_tx.refer import IReferenceable

from ._support import opened

BEACONS = [
    {
        "id": "1",
        "site_id": "1",
        "udi": "00001",
        "label": "TestBeacon1",
        "center": {"type": "Point", "coordinates": [0, 0]},
        "radius": 50.0,
    },
    {
        "id": "2",
        "site_id": "1",
        "udi": "00002",
        "label": "TestBeacon2",
        "center": {"type": "Point", "coordinates": [2, 2]},
        "radius": 70.0,
    },
    {"id": "3", "site_id": "2", "udi": "00003", "label": None, "center": None, "radius": 50.0},
]
BEACON_COLUMNS = [
    ("id", "VARCHAR(64)"),
    ("site_id", "VARCHAR(64)"),
    ("udi", "VARCHAR(64)"),
    ("label", "TEXT"),
    ("center", "JSON"),
    ("radius", "DOUBLE PRECISION"),
]


class UdisFilter:
    """The beacons filter: C{udis} is a list (or a comma string) of udis; the rest is equality."""

    def _compose_filter(self, filter_params: FilterParams) -> Optional[SqlCondition]:
        rest = FilterParams(filter_params)
        udis = rest.get_as_string_list("udis")
        rest.pop("udis", None)
        return and_conditions(
            super()._compose_filter(rest),  # type: ignore[misc]
            None if udis is None else self._field_in("udi", udis),  # type: ignore[attr-defined]
        )


class BackendTestsMixin:
    """Needs C{persistence_class}, C{base_class}, C{columns}, C{config()}, C{require()} and C{backend}."""

    persistence_class: Any
    base_class: Any
    columns: Any
    backend: str

    async def make_opened(self, cls: Any = None, config: Any = None, **kwargs: Any) -> Any:
        self.require()  # type: ignore[attr-defined]
        if "columns" not in kwargs:
            kwargs["columns"] = self.columns
        persistence = (cls or self.persistence_class)(**kwargs)
        self.addCleanup(persistence.close, None)  # type: ignore[attr-defined]
        return await opened(persistence, config or self.config())  # type: ignore[attr-defined]

    async def beacons(self, **kwargs: Any) -> Any:
        cls = type("Beacons", (UdisFilter, self.persistence_class), {})
        columns = None if self.columns is None else BEACON_COLUMNS
        persistence = await self.make_opened(cls, self.config(table=self.table + "_b"), columns=columns, **kwargs)
        self.addCleanup(self._drop, self.table + "_b")
        for beacon in BEACONS:
            await persistence.create(None, beacon)
        return persistence

    def _drop(self, table: str) -> None:
        from ._support import drop_table

        drop_table(self.backend, table)

    # -- contracts --------------------------------------------------------------

    async def test_interfaces(self) -> None:
        persistence = await self.make_opened()
        for interface in (
            IGetter,
            ISetter,
            IWriter,
            IPartialUpdater,
            IFilteredReader,
            IFilteredPageReader,
            IOpenable,
            ICleanable,
            IConfigurable,
            IReferenceable,
        ):
            self.assertTrue(verifyObject(interface, persistence))
        base = self.base_class("anything")
        for interface in (IFilteredReader, IFilteredPageReader, IOpenable, ICleanable, IConfigurable, IReferenceable):
            self.assertTrue(verifyObject(interface, base))

    async def test_open_close(self) -> None:
        persistence = await self.make_opened()
        self.assertTrue(persistence.is_open())
        await persistence.close(None)
        self.assertFalse(persistence.is_open())
        with self.assertRaises(InvalidStateException):
            await persistence.get_one_by_id(None, "1")
        await persistence.open(None)
        self.assertIsNone(await persistence.get_one_by_id(None, "1"))

    # -- filters, sorts, projections ------------------------------------------

    async def test_beacons_filters(self) -> None:
        beacons = await self.beacons()
        found = await beacons.get_list_by_filter(None, FilterParams.from_value({"udis": "00001,00003"}))
        self.assertEqual(sorted(b["id"] for b in found), ["1", "3"])
        found = await beacons.get_list_by_filter(None, FilterParams.from_value({"udis": ["00002"], "site_id": "1"}))
        self.assertEqual([b["id"] for b in found], ["2"])
        self.assertEqual(await beacons.get_list_by_filter(None, {"udis": ""}), [])
        self.assertEqual(await beacons.get_count_by_filter(None, {"site_id": "1"}), 2)
        page = await beacons.get_page_by_filter(None, {"site_id": "1"}, None)
        self.assertEqual(len(page.data), 2)
        self.assertEqual(page.data[0], BEACONS[0])

    async def test_nested_and_typed_filters(self) -> None:
        beacons = await self.beacons()
        self.assertEqual(
            [b["id"] for b in await beacons.get_list_by_filter(None, {"center": {"type": "Point"}}, "id")], ["1", "2"]
        )
        # a number compares in its stored text form: JSON keeps "70.0", a DOUBLE column prints "70"
        radius = "70.0" if self.columns is None else "70"
        self.assertEqual([b["id"] for b in await beacons.get_list_by_filter(None, {"radius": radius})], ["2"])
        self.assertEqual(
            [b["id"] for b in await beacons.get_list_by_filter(None, FilterParams({"label": None}))], ["3"]
        )
        self.assertEqual(await beacons.get_list_by_filter(None, {"no_such_field": "x"}), [])
        self.assertEqual(len(await beacons.get_list_by_filter(None, FilterParams({"no_such_field": None}))), 3)

    async def test_sort_ranks_nulls_first(self) -> None:
        beacons = await self.beacons()
        ascending = await beacons.get_list_by_filter(None, None, SortParams.from_string("label"))
        self.assertEqual([b["id"] for b in ascending], ["3", "1", "2"])
        page = await beacons.get_page_by_filter(None, None, PagingParams(0, 2, True), "-radius,id")
        self.assertEqual(([b["id"] for b in page.data], page.total), (["2", "1"], 3))

    async def test_projection(self) -> None:
        beacons = await self.beacons()
        page = await beacons.get_page_by_filter(None, {"id": "2"}, None, None, "id,center.type")
        self.assertEqual(page.data, [{"id": "2", "center": {"type": "Point"}}])
        listed = await beacons.get_list_by_filter(None, {"id": "1"}, None, ["udi"])
        self.assertEqual(listed, [{"udi": "00001"}])

    async def test_total_counts_only_when_asked(self) -> None:
        persistence = await self.make_opened()
        for number in range(5):
            await persistence.create(None, {"id": str(number), "group": "a", "count": number})
        persistence.statements = []
        page = await persistence.get_page_by_filter(None, {"group": "a"}, PagingParams(0, 2))
        self.assertEqual((len(page.data), page.total), (2, None))
        self.assertFalse([sql for sql, _ in persistence.statements if "COUNT(" in sql])
        page = await persistence.get_page_by_filter(None, {"group": "a"}, PagingParams(0, 2, True))
        self.assertEqual((len(page.data), page.total), (2, 5))
        self.assertEqual(len([sql for sql, _ in persistence.statements if "COUNT(" in sql]), 1)
        page = await persistence.get_page_by_filter(None, {"group": "a"}, PagingParams(4, 2, True))
        self.assertEqual((len(page.data), page.total), (1, 5))

    async def test_max_page_size(self) -> None:
        persistence = await self.make_opened(config=self.config(**{"options.max_page_size": 2}))
        for number in range(3):
            await persistence.create(None, {"id": str(number)})
        page = await persistence.get_page_by_filter(None, None, PagingParams(0, 50))
        self.assertEqual([item["id"] for item in page.data], ["0", "1"])

    # -- writes -----------------------------------------------------------------

    async def test_json_values_round_trip(self) -> None:
        beacons = await self.beacons()
        self.assertEqual(await beacons.get_one_by_id(None, "1"), BEACONS[0])
        center = {"type": "Point", "coordinates": [1.5, -2], "meta": {"a": [None, True, "x"]}}
        updated = await beacons.update_partially(None, "1", {"center": center, "id": "ignored"})
        self.assertEqual(updated["center"], center)
        self.assertEqual(updated["id"], "1")
        self.assertEqual(await beacons.get_one_by_id(None, "1"), dict(BEACONS[0], center=center))
        replaced = await beacons.update_partially(None, "1", {"center": {"type": "Polygon"}})
        self.assertEqual(replaced["center"], {"type": "Polygon"}, "top-level fields are replaced, not merged")

    async def test_duplicate_id_is_a_conflict_with_details(self) -> None:
        persistence = await self.make_opened()
        await persistence.create("cid", {"id": "x"})
        with self.assertRaises(ConflictException) as context:
            await persistence.create("cid", {"id": "x"})
        self.assertEqual(
            (context.exception.code, context.exception.details, context.exception.correlation_id),
            ("DUPLICATE_ID", {"id": "x"}, "cid"),
        )

    async def test_set_upserts_and_delete_by_id_returns_the_item(self) -> None:
        persistence = await self.make_opened()
        await persistence.set(None, {"id": "1", "content": "a"})
        await persistence.set(None, {"id": "1", "content": "b"})
        self.assertEqual((await persistence.get_one_by_id(None, "1"))["content"], "b")
        deleted = await persistence.delete_by_id(None, "1")
        self.assertEqual(deleted["content"], "b")
        self.assertIsNone(await persistence.delete_by_id(None, "1"))
        self.assertEqual(await persistence.get_count_by_filter(None, None), 0)

    async def test_not_a_map_is_a_bad_request(self) -> None:
        persistence = await self.make_opened()
        with self.assertRaises(BadRequestException):
            await persistence.create(None, ["not", "a", "map"])
        with self.assertRaises(BadRequestException):
            await persistence.create(
                None, {"id": "1", "when": object()} if self.columns is None else {"id": 1, "tags": object()}
            )

    async def test_unknown_field_in_column_mode(self) -> None:
        if self.columns is None:
            self.skipTest("document mode stores any field")
        persistence = await self.make_opened()
        with self.assertRaises(BadRequestException) as context:
            await persistence.create(None, {"id": "1", "surprise": 1})
        self.assertEqual(context.exception.code, "UNKNOWN_FIELD")
        await persistence.create(None, {"id": "1"})
        with self.assertRaises(BadRequestException):
            await persistence.update_partially(None, "1", {"surprise": 1})
        self.assertEqual(await persistence.get_count_by_filter(None, None), 1)

    # -- schema -----------------------------------------------------------------

    async def test_indexes_created_at_open(self) -> None:
        persistence = self.persistence_class(columns=self.columns)
        try:
            persistence._ensure_index("g", ["group", "-count"])
        except UnsupportedException:
            self.assertEqual((self.backend, self.columns), ("mysql", None))
            return
        self.addCleanup(persistence.close, None)
        await opened(persistence, self.config())
        await persistence.open(None)
        names = await persistence._run(None, self._index_names, self.table)
        self.assertIn(f"{self.table}_g", names)

        # The same class on another table of the database gets indexes of its own.
        other_table = self.table + "_x"
        self.addCleanup(self._drop, other_table)
        other = self.persistence_class(columns=self.columns)
        other._ensure_index("g", ["group", "-count"])
        self.addCleanup(other.close, None)
        await opened(other, self.config(table=other_table))
        self.assertIn(f"{other_table}_g", await persistence._run(None, self._index_names, other_table))

    async def test_an_index_named_as_declared_counts(self) -> None:
        """A table indexed under the name as declared (before names were tied to tables) gets no second index."""
        declaring = self.persistence_class(columns=self.columns)
        try:
            declaring._ensure_index("legacy_g", ["group"])
        except UnsupportedException:
            self.assertEqual((self.backend, self.columns), ("mysql", None))
            return
        bare = await self.make_opened()
        _, [(key_sql, key_params)], _ = declaring._indexes[0]
        await bare._run(None, lambda cursor: bare._execute(
            cursor, f"CREATE INDEX {bare._dialect.quote('legacy_g')} ON {bare._table()} ({key_sql})", key_params or None))
        self.addCleanup(declaring.close, None)
        await opened(declaring, self.config())
        names = await bare._run(None, self._index_names, self.table)
        self.assertIn("legacy_g", names)
        self.assertNotIn(f"{self.table}_legacy_g", names)

    def _index_names(self, cursor: Any, table: str) -> set[str]:
        if self.backend == "postgres":
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
        else:
            cursor.execute(
                "SELECT INDEX_NAME FROM information_schema.STATISTICS"
                " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
                [table],
            )
        return {row[0] for row in cursor.fetchall()}

    async def test_missing_table_without_auto_create_is_a_portable_error(self) -> None:
        config = self.config(table=self.table + "_missing", **{"options.auto_create": "false"})
        persistence = self.persistence_class(columns=self.columns)
        self.addCleanup(persistence.close, None)
        self.require()  # type: ignore[attr-defined]
        persistence.configure(config)
        await persistence.open(None)
        with self.assertRaises(InternalException) as context:
            await persistence.get_one_by_id("cid", "1")
        self.assertEqual((context.exception.code, context.exception.correlation_id), ("SQL_ERROR", "cid"))
        self.assertIn(self.table + "_missing", context.exception.message)
