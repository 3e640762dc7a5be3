# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""The discovery service: connections registered under keys, resolved by any container of the fleet."""

from __future__ import annotations

import datetime
from typing import Any, Mapping, Optional

from pipservices_tx.commands import Command, CommandSet
from pipservices_tx.config import ConfigParams
from pipservices_tx.logic import CommandableController
from pipservices_tx.logs import format_time
from pipservices_tx.portability import TypeCode
from pipservices_tx.refer import Descriptor, IReferences
from pipservices_tx.validation import ObjectSchema

Connection = dict[str, Any]


def identity(connection: Mapping[str, Any]) -> tuple[str, str]:
    """What makes two registrations of a key the same: the C{instance_id}, else the address."""
    if connection.get("instance_id"):
        return ("instance_id", str(connection["instance_id"]))
    address = connection.get("uri") or f"{connection.get('protocol') or ''}://{connection.get('host') or ''}:" \
        f"{connection.get('port') or ''}"
    return ("address", str(address))


class DiscoveryController(CommandableController):
    """
    C{register} (a connection under a key; registering the same instance or
    address again replaces it), C{resolve_one} (the latest registration of a
    key, or nothing), C{resolve_all} and C{unregister}, over a C{persistence}.
    Connections are flat maps of strings, as ConnectionParams are.
    """

    controller_name = "v1/discovery"

    def __init__(self) -> None:
        super().__init__()
        self.dependency_resolver.put("persistence", Descriptor("discovery", "persistence", "*", "*", "1.0"))
        self._persistence: Any = None

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._persistence = self.dependency_resolver.get_one_required("persistence")

    def make_command_set(self) -> CommandSet:
        keyed = ObjectSchema().with_required_property("key", TypeCode.String)
        with_connection = ObjectSchema().with_required_property("key", TypeCode.String) \
            .with_required_property("connection", TypeCode.Map)
        commands = CommandSet()
        commands.add_commands([
            Command("register", with_connection,
                    lambda cid, args: self.register(cid, args["key"], args["connection"])),
            Command("resolve_one", keyed, lambda cid, args: self.resolve_one(cid, args["key"])),
            Command("resolve_all", keyed, lambda cid, args: self.resolve_all(cid, args["key"])),
            Command("unregister", with_connection,
                    lambda cid, args: self.unregister(cid, args["key"], args["connection"])),
        ])
        return commands

    async def _registrations(self, correlation_id: Optional[str], key: str) -> list[dict[str, Any]]:
        items = await self._persistence.get_list_by_filter(correlation_id, {"key": key}, "update_time")
        return list(items)

    async def register(self, correlation_id: Optional[str], key: str, connection: Any) -> Connection:
        flat = dict(ConfigParams.from_value(connection))
        for item in await self._registrations(correlation_id, key):
            if identity(item["connection"]) == identity(flat):
                await self._persistence.delete_by_id(correlation_id, item["id"])
        now = format_time(datetime.datetime.now(datetime.timezone.utc))
        await self._persistence.create(correlation_id, {"key": key, "connection": flat, "update_time": now})
        return flat

    async def resolve_one(self, correlation_id: Optional[str], key: str) -> Optional[Connection]:
        items = await self._registrations(correlation_id, key)
        return dict(items[-1]["connection"]) if items else None

    async def resolve_all(self, correlation_id: Optional[str], key: str) -> list[Connection]:
        return [dict(item["connection"]) for item in await self._registrations(correlation_id, key)]

    async def unregister(self, correlation_id: Optional[str], key: str, connection: Any) -> None:
        wanted = identity(dict(ConfigParams.from_value(connection)))
        for item in await self._registrations(correlation_id, key):
            if identity(item["connection"]) == wanted:
                await self._persistence.delete_by_id(correlation_id, item["id"])
