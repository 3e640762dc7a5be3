# -*- test-case-name: tests.beacons.test_factory -*-
"""BeaconsFactory: how config.yml entries of the beacons service become components."""

from __future__ import annotations

from pipservices_tx.build import Factory
from pipservices_tx.refer import Descriptor

from .clients import BeaconsCommandableHttpClientV1, BeaconsDirectClientV1
from .logic import BeaconsController
from .persistence import (
    BeaconsFilePersistence,
    BeaconsMemoryPersistence,
    BeaconsMongoDbPersistence,
    BeaconsMySqlPersistence,
    BeaconsPostgresPersistence,
)
from .service import BeaconsCommandableHttpServiceV1


class BeaconsFactory(Factory):
    """C{beacons:persistence:memory}, C{beacons:controller:default}, C{beacons:service:commandable-http}."""

    descriptor = Descriptor("beacons", "factory", "default", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("beacons", "persistence", "memory", "*", "1.0"), BeaconsMemoryPersistence)
        self.register_as_type(Descriptor("beacons", "persistence", "file", "*", "1.0"), BeaconsFilePersistence)
        self.register_as_type(Descriptor("beacons", "persistence", "mongodb", "*", "1.0"), BeaconsMongoDbPersistence)
        self.register_as_type(Descriptor("beacons", "persistence", "postgres", "*", "1.0"), BeaconsPostgresPersistence)
        self.register_as_type(Descriptor("beacons", "persistence", "mysql", "*", "1.0"), BeaconsMySqlPersistence)
        self.register_as_type(Descriptor("beacons", "controller", "default", "*", "1.0"), BeaconsController)
        self.register_as_type(
            Descriptor("beacons", "service", "commandable-http", "*", "1.0"), BeaconsCommandableHttpServiceV1
        )
        self.register_as_type(
            Descriptor("beacons", "client", "commandable-http", "*", "1.0"), BeaconsCommandableHttpClientV1
        )
        self.register_as_type(Descriptor("beacons", "client", "direct", "*", "1.0"), BeaconsDirectClientV1)
