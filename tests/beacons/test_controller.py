"""The beacons controller and its commands, over the memory persistence."""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import TestCase
from zope.interface.verify import verifyObject

from examples.beacons.logic import IBeaconsController, average_point
from pipservices_tx.commands import ICommandable
from pipservices_tx.validation import ValidationException

from ._fixtures import beacons_controller


class BeaconsControllerTests(TestCase):
    def test_interfaces(self) -> Any:
        async def run() -> None:
            controller = await beacons_controller()
            verifyObject(IBeaconsController, controller)
            verifyObject(ICommandable, controller)
        return ensureDeferred(run())

    def test_calculate_position(self) -> Any:
        async def run() -> None:
            controller = await beacons_controller()
            position = await controller.calculate_position(None, "1", ["00001", "00002"])
            self.assertEqual(position, {"type": "Point", "coordinates": [1, 1]})
            self.assertIsNone(await controller.calculate_position(None, "2", ["00001"]))
            self.assertIsNone(await controller.calculate_position(None, "1", []))
        return ensureDeferred(run())

    def test_get_beacons_by_site(self) -> Any:
        async def run() -> None:
            controller = await beacons_controller()
            page = await controller.get_beacons(None, {"site_id": "1"}, None)
            self.assertEqual(len(page.data), 2)
        return ensureDeferred(run())

    def test_crud_through_commands(self) -> Any:
        async def run() -> None:
            commands = (await beacons_controller()).get_command_set()
            created = await commands.execute("c1", "create_beacon", {"beacon": {"site_id": "3", "udi": "9"}})
            self.assertEqual(created["type"], "unknown")
            self.assertTrue(created["id"])
            fetched = await commands.execute("c1", "get_beacon_by_id", {"beacon_id": created["id"]})
            self.assertEqual(fetched, created)
            self.assertEqual(await commands.execute(None, "get_beacon_by_udi", {"udi": "9"}), created)
            updated = await commands.execute(None, "update_beacon", {"beacon": dict(created, label="L")})
            self.assertEqual(updated["label"], "L")
            deleted = await commands.execute(None, "delete_beacon_by_id", {"id": created["id"]})
            self.assertEqual(deleted["id"], created["id"])
            self.assertIsNone(await commands.execute(None, "get_beacon_by_id", {"id": created["id"]}))
        return ensureDeferred(run())

    def test_invalid_beacon_lists_every_problem(self) -> Any:
        async def run() -> None:
            commands = (await beacons_controller()).get_command_set()
            with self.assertRaises(ValidationException) as caught:
                await commands.execute("c7", "create_beacon", {"beacon": {"site_id": 5}})
            error = caught.exception
            self.assertEqual((error.code, error.correlation_id, error.status), ("INVALID_DATA", "c7", 400))
            results = {result["path"]: result for result in error.details["results"]}
            self.assertEqual(results["beacon.udi"]["code"], "VALUE_IS_NULL")
            self.assertEqual(results["beacon.site_id"]["code"], "TYPE_MISMATCH")
            self.assertEqual(results["beacon.site_id"]["expected"], "String")
        return ensureDeferred(run())

    def test_get_by_id_needs_an_id(self) -> Any:
        async def run() -> None:
            commands = (await beacons_controller()).get_command_set()
            with self.assertRaises(ValidationException):
                await commands.execute(None, "get_beacon_by_id", {})
        return ensureDeferred(run())


class AveragePointTests(TestCase):
    def test_ignores_beacons_without_point(self) -> None:
        self.assertEqual(
            average_point([{"center": None}, {"center": {"type": "Point", "coordinates": [4, 6]}}]),
            {"type": "Point", "coordinates": [4.0, 6.0]},
        )
        self.assertIsNone(average_point([{"center": {"type": "Polygon", "coordinates": [1, 2]}}]))
