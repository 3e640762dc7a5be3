# -*- test-case-name: tests.beacons.test_factory -*-
"""BeaconsFactory: how config.yml entries of the beacons service become components."""

from __future__ import annotations

from pipservices_tx.build import Factory
from pipservices_tx.refer import Descriptor

from .logic import BeaconsController
from .persistence import BeaconsMemoryPersistence
from .service import BeaconsCommandableHttpServiceV1


class BeaconsFactory(Factory):
    """
    C{beacons:persistence:memory}, C{beacons:controller:default},
    C{beacons:service:commandable-http}, C{beacons:service:commandable-seneca}
    and the clients.
    """

    descriptor = Descriptor("beacons", "factory", "default", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("beacons", "persistence", "memory", "*", "1.0"), BeaconsMemoryPersistence)
        # The other backends and the clients import their drivers: only when configured.
        for kind, path in (
            ("file", "persistence_file.BeaconsFilePersistence"),
            ("mongodb", "persistence_mongodb.BeaconsMongoDbPersistence"),
            ("postgres", "persistence_sql.BeaconsPostgresPersistence"),
            ("mysql", "persistence_sql.BeaconsMySqlPersistence"),
        ):
            self.register_lazy(Descriptor("beacons", "persistence", kind, "*", "1.0"), f"{__package__}.{path}")
        self.register_as_type(Descriptor("beacons", "controller", "default", "*", "1.0"), BeaconsController)
        self.register_as_type(
            Descriptor("beacons", "service", "commandable-http", "*", "1.0"), BeaconsCommandableHttpServiceV1
        )
        self.register_lazy(Descriptor("beacons", "client", "commandable-http", "*", "1.0"),
                           f"{__package__}.clients.BeaconsCommandableHttpClientV1")
        self.register_lazy(Descriptor("beacons", "client", "direct", "*", "1.0"), f"{__package__}.clients.BeaconsDirectClientV1")
        # Over the seneca HTTP transport (SENECA_ENABLED in config.yml).
        self.register_lazy(Descriptor("beacons", "service", "commandable-seneca", "*", "1.0"),
                           f"{__package__}.service_seneca.BeaconsCommandableSenecaServiceV1")
        self.register_lazy(Descriptor("beacons", "client", "commandable-seneca", "*", "1.0"),
                           f"{__package__}.clients_seneca.BeaconsCommandableSenecaClientV1")
