# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""The settings service: sections of flat parameters under ids (a container config among them)."""

from __future__ import annotations

import datetime
from typing import Any, Optional

from pipservices_tx.commands import Command, CommandSet
from pipservices_tx.config import ConfigParams
from pipservices_tx.data import DataPage
from pipservices_tx.logic import CommandableController
from pipservices_tx.logs import format_time
from pipservices_tx.portability import FloatConverter, TypeCode
from pipservices_tx.refer import Descriptor, IReferences
from pipservices_tx.validation import FilterParamsSchema, ObjectSchema, PagingParamsSchema


def _flat(value: Any) -> dict[str, Optional[str]]:
    return dict(ConfigParams.from_value(value or {}))


class SettingsController(CommandableController):
    """
    C{get_section_ids}, C{get_sections}, C{get_section_by_id}, C{set_section}
    and C{modify_section} over a C{persistence}. Parameters are a flat map of
    strings (nested maps are flattened to dotted keys, as in ConfigParams); a
    section that does not exist reads as an empty map.
    """

    controller_name = "v1/settings"

    def __init__(self) -> None:
        super().__init__()
        self.dependency_resolver.put("persistence", Descriptor("settings", "persistence", "*", "*", "1.0"))
        self._persistence: Any = None

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._persistence = self.dependency_resolver.get_one_required("persistence")

    def make_command_set(self) -> CommandSet:
        page = ObjectSchema().with_optional_property("filter", FilterParamsSchema()) \
            .with_optional_property("paging", PagingParamsSchema())
        by_id = ObjectSchema().with_required_property("id", TypeCode.String)
        commands = CommandSet()
        commands.add_commands([
            Command("get_section_ids", page, lambda cid, args: self.get_section_ids(cid, args.get("filter"),
                                                                                     args.get("paging"))),
            Command("get_sections", page,
                    lambda cid, args: self._persistence.get_page_by_filter(cid, args.get("filter"),
                                                                           args.get("paging"), "id")),
            Command("get_section_by_id", by_id, lambda cid, args: self.get_section_by_id(cid, args["id"])),
            Command("set_section", ObjectSchema().with_required_property("id", TypeCode.String)
                    .with_required_property("parameters", TypeCode.Map),
                    lambda cid, args: self.set_section(cid, args["id"], args["parameters"])),
            Command("modify_section", ObjectSchema().with_required_property("id", TypeCode.String)
                    .with_optional_property("update_parameters", TypeCode.Map)
                    .with_optional_property("increment_parameters", TypeCode.Map),
                    lambda cid, args: self.modify_section(cid, args["id"], args.get("update_parameters"),
                                                          args.get("increment_parameters"))),
        ])
        return commands

    async def get_section_ids(self, correlation_id: Optional[str], filter: Any, paging: Any) -> DataPage[str]:
        page = await self._persistence.get_page_by_filter(correlation_id, filter, paging, "id")
        return DataPage([item["id"] for item in page.data], page.total)

    async def get_section_by_id(self, correlation_id: Optional[str], id: str) -> dict[str, Any]:
        item = await self._persistence.get_one_by_id(correlation_id, id)
        return dict(item["parameters"]) if item is not None else {}

    async def set_section(self, correlation_id: Optional[str], id: str, parameters: Any) -> dict[str, Any]:
        item = {"id": id, "parameters": _flat(parameters), "update_time": _now()}
        return dict((await self._persistence.set(correlation_id, item))["parameters"])

    async def modify_section(
        self, correlation_id: Optional[str], id: str, update: Any, increment: Any
    ) -> dict[str, Any]:
        """Sets the keys of C{update}, adds the numbers of C{increment} (a missing key counts from 0)."""
        parameters = await self.get_section_by_id(correlation_id, id)
        parameters.update(_flat(update))
        for key, delta in _flat(increment).items():
            total = FloatConverter.to_float(parameters.get(key)) + FloatConverter.to_float(delta)
            parameters[key] = str(int(total)) if total.is_integer() else str(total)
        return await self.set_section(correlation_id, id, parameters)


def _now() -> str:
    return format_time(datetime.datetime.now(datetime.timezone.utc))
