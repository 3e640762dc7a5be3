"""The beacons fixtures loaded into a memory persistence, and a controller over it, for any test."""

from __future__ import annotations

from typing import Any

from examples.beacons.data import FIXTURES
from examples.beacons.logic import BeaconsController
from examples.beacons.persistence import BeaconsMemoryPersistence
from pipservices_tx.refer import Descriptor, References

PERSISTENCE = Descriptor("beacons", "persistence", "memory", "default", "1.0")


async def load_fixtures(persistence: Any) -> None:
    """Creates a copy of each fixture in C{persistence} (any beacons persistence)."""
    for fixture in FIXTURES:
        await persistence.create(None, dict(fixture))


async def loaded_persistence() -> BeaconsMemoryPersistence:
    """An opened memory persistence holding the fixtures."""
    persistence = BeaconsMemoryPersistence()
    await persistence.open(None)
    await load_fixtures(persistence)
    return persistence


async def beacons_controller() -> BeaconsController:
    """A controller over L{loaded_persistence}."""
    controller = BeaconsController()
    controller.set_references(References.from_tuples(PERSISTENCE, await loaded_persistence()))
    return controller
