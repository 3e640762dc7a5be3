"""Servers and controllers shared by the Thrift tests."""

from __future__ import annotations

from typing import Any, Optional

from pipservices_tx.config import ConfigParams
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.thrift import CommandableThriftClient, CommandableThriftService, ThriftClient, ThriftEndpoint

BEACONS_MODULE = "examples.beacons.thrift_gen.beacons_v1.BeaconsV1"
CONTROLLER = Descriptor("test", "controller", "default", "default", "1.0")
ENDPOINT = Descriptor("pip-services", "endpoint", "thrift", "default", "1.0")


async def beacons_controller() -> Any:
    from examples.beacons.data import FIXTURES
    from examples.beacons.logic import BeaconsController
    from examples.beacons.persistence import BeaconsMemoryPersistence

    persistence = BeaconsMemoryPersistence()
    await persistence.open(None)
    for item in FIXTURES:
        await persistence.create(None, item)
    controller = BeaconsController()
    controller.set_references(References.from_tuples(
        Descriptor("beacons", "persistence", "memory", "default", "1.0"), persistence))
    return controller


async def serve(controller: Any, *modules: Optional[str], **options: Any) -> tuple[ThriftEndpoint, list[Any]]:
    """An endpoint on a free loopback port serving C{controller} through each service module."""
    endpoint = ThriftEndpoint()
    endpoint.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 0,
                                                *[item for pair in options.items() for item in pair]))
    references = References.from_tuples(CONTROLLER, controller, ENDPOINT, endpoint)
    services = []
    for module in modules or (None,):
        service = CommandableThriftService(module)
        service.configure(ConfigParams.from_tuples("dependencies.controller", str(CONTROLLER)))
        service.set_references(references)
        services.append(service)
    await endpoint.open(None)
    for service in services:
        await service.open(None)
    return endpoint, services


async def stop(endpoint: ThriftEndpoint, services: list[Any], *clients: Any) -> None:
    for client in clients:
        await client.close(None)
    for service in services:
        await service.close(None)
    await endpoint.close(None)


async def commandable_client(port: int, **options: Any) -> CommandableThriftClient:
    client = CommandableThriftClient(options.pop("service_name", None))
    client.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", port,
                                              *[item for pair in options.items() for item in pair]))
    await client.open(None)
    return client


async def typed_client(port: int, module: str = BEACONS_MODULE, service_name: Optional[str] = None,
                       **options: Any) -> ThriftClient:
    client = ThriftClient(module, service_name)
    client.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", port,
                                              *[item for pair in options.items() for item in pair]))
    await client.open(None)
    return client
