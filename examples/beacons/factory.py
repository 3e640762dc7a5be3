# -*- test-case-name: tests.beacons.test_factory -*-
"""BeaconsFactory: how config.yml entries of the beacons service become components."""

from __future__ import annotations

from pipservices_tx.build import Factory
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import CommandableHttpService

from .logic import BeaconsController
from .persistence import BeaconsMemoryPersistence


# The other backends and the clients import their drivers: only when configured.
def _file_persistence() -> type:
    from .persistence_file import BeaconsFilePersistence

    return BeaconsFilePersistence


def _mongodb_persistence() -> type:
    from .persistence_mongodb import BeaconsMongoDbPersistence

    return BeaconsMongoDbPersistence


def _postgres_persistence() -> type:
    from .persistence_sql import BeaconsPostgresPersistence

    return BeaconsPostgresPersistence


def _mysql_persistence() -> type:
    from .persistence_sql import BeaconsMySqlPersistence

    return BeaconsMySqlPersistence


def _commandable_http_client() -> type:
    from .clients import BeaconsCommandableHttpClientV1

    return BeaconsCommandableHttpClientV1


def _direct_client() -> type:
    from .clients import BeaconsDirectClientV1

    return BeaconsDirectClientV1


def _commandable_seneca_service() -> type:
    from .service_seneca import BeaconsCommandableSenecaServiceV1

    return BeaconsCommandableSenecaServiceV1


def _commandable_seneca_client() -> type:
    from .clients_seneca import BeaconsCommandableSenecaClientV1

    return BeaconsCommandableSenecaClientV1


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
        for kind, load in (
            ("file", _file_persistence),
            ("mongodb", _mongodb_persistence),
            ("postgres", _postgres_persistence),
            ("mysql", _mysql_persistence),
        ):
            self.register_lazy(Descriptor("beacons", "persistence", kind, "*", "1.0"), load)
        self.register_as_type(Descriptor("beacons", "controller", "default", "*", "1.0"), BeaconsController)
        # The stock service: its config entry names the route and the controller.
        self.register_as_type(Descriptor("beacons", "service", "commandable-http", "*", "1.0"), CommandableHttpService)
        self.register_lazy(Descriptor("beacons", "client", "commandable-http", "*", "1.0"), _commandable_http_client)
        self.register_lazy(Descriptor("beacons", "client", "direct", "*", "1.0"), _direct_client)
        # Over the seneca HTTP transport (SENECA_ENABLED in config.yml).
        self.register_lazy(Descriptor("beacons", "service", "commandable-seneca", "*", "1.0"), _commandable_seneca_service)
        self.register_lazy(Descriptor("beacons", "client", "commandable-seneca", "*", "1.0"), _commandable_seneca_client)
