"""The beacons memory persistence: the fixtures, the beacons filter and the conformance kit."""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import TestCase

from examples.beacons.persistence import BeaconsMemoryPersistence
from pipservices_tx.data import FilterParams, PagingParams
from pipservices_tx.testing import PersistenceConformanceMixin

from ._fixtures import loaded_persistence


class BeaconsPersistenceTests(TestCase):
    def test_filter_by_site(self) -> Any:
        async def run() -> None:
            persistence = await loaded_persistence()
            page = await persistence.get_page_by_filter(None, FilterParams.from_tuples("site_id", "1"),
                                                        PagingParams(total=True))
            self.assertEqual(sorted(item["id"] for item in page.data), ["1", "2"])
            self.assertEqual(page.total, 2)
        return ensureDeferred(run())

    def test_filter_by_udis_as_string_and_list(self) -> Any:
        async def run() -> None:
            persistence = await loaded_persistence()
            for udis in ("00001,00003", ["00001", "00003"]):
                items = await persistence.get_list_by_filter(None, FilterParams.from_value({"udis": udis}))
                self.assertEqual(sorted(item["udi"] for item in items), ["00001", "00003"])
            items = await persistence.get_list_by_filter(None, FilterParams.from_value({"label": "TestBeacon2"}))
            self.assertEqual([item["id"] for item in items], ["2"])
        return ensureDeferred(run())

    def test_get_one_by_udi(self) -> Any:
        async def run() -> None:
            persistence = await loaded_persistence()
            self.assertEqual((await persistence.get_one_by_udi(None, "00002"))["id"], "2")
            self.assertIsNone(await persistence.get_one_by_udi(None, "nope"))
        return ensureDeferred(run())


class BeaconsPersistenceConformanceTests(PersistenceConformanceMixin, TestCase):
    """The generic kit passes on the beacons persistence too (its filter keeps equality on id)."""

    def make_persistence(self) -> Any:
        async def make() -> BeaconsMemoryPersistence:
            persistence = BeaconsMemoryPersistence()
            await persistence.open(None)
            return persistence
        return ensureDeferred(make())
