# -*- test-case-name: tests.data.test_data_page -*-
"""DataPage and the data interfaces."""

from __future__ import annotations

from typing import Any

import attrs
from twisted.trial import unittest
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.data import DataPage, IChangeable, IIdentifiable, IStringIdentifiable


@implementer(IStringIdentifiable, IChangeable)
@attrs.define
class Beacon:
    id: str
    change_time: Any = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id}


class DataPageTests(unittest.SynchronousTestCase):
    def test_to_json(self) -> None:
        self.assertEqual(DataPage([{"id": "1"}], 3).to_json(), {"data": [{"id": "1"}], "total": 3})
        self.assertEqual(DataPage().to_json(), {"data": [], "total": None})
        self.assertEqual(DataPage([Beacon("1")]).to_json(), {"data": [{"id": "1"}], "total": None})

    def test_from_json(self) -> None:
        self.assertEqual(DataPage.from_json('{"data": [{"id": "1"}], "total": 3}'), DataPage([{"id": "1"}], 3))
        self.assertEqual(DataPage.from_json({"data": [{"id": "1"}]}), DataPage([{"id": "1"}], None))
        self.assertEqual(DataPage.from_json(None), DataPage())
        page = DataPage.from_json({"data": [{"id": "1"}], "total": "1"}, lambda value: Beacon(value["id"]))
        self.assertEqual(page, DataPage([Beacon("1")], 1))

    def test_round_trip(self) -> None:
        page = DataPage([{"id": "1", "n": [1, 2]}], 10)
        self.assertEqual(DataPage.from_json(page.to_json()), page)

    def test_interfaces(self) -> None:
        beacon = Beacon("1")
        self.assertTrue(verifyObject(IStringIdentifiable, beacon))
        self.assertTrue(verifyObject(IIdentifiable, beacon))
        self.assertTrue(verifyObject(IChangeable, beacon))
