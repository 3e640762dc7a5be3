"""
The pip-services3 baseline: the beacons commands as pip-services3 (PyPI
C{pip-services3-rpc}) serves them, a CommandableHttpService over a commandable
controller with validation schemas, the beacons in a dict.

    python -m benchmarks.baselines.pips_beacons PORT [ITEMS]
"""

from __future__ import annotations

import sys
import threading
from typing import Any, Optional

from pip_services3_commons.commands import Command, CommandSet, ICommandable
from pip_services3_commons.config import ConfigParams
from pip_services3_commons.convert import TypeCode
from pip_services3_commons.data import DataPage, FilterParams, PagingParams
from pip_services3_commons.refer import Descriptor, References
from pip_services3_commons.validate import FilterParamsSchema, ObjectSchema, PagingParamsSchema
from pip_services3_rpc.services import CommandableHttpService

from .fixtures import make_beacons


class BeaconsController(ICommandable):
    def __init__(self, items: list[dict[str, Any]]) -> None:
        self.items = items
        self.by_id = {item["id"]: item for item in items}
        self._commands: Optional[CommandSet] = None

    def get_beacon_by_id(self, correlation_id: Optional[str], args: Any) -> Any:
        return self.by_id.get(args.get_as_nullable_string("id"))

    def get_beacons(self, correlation_id: Optional[str], args: Any) -> DataPage:
        site_id = FilterParams.from_value(args.get("filter")).get_as_nullable_string("site_id")
        paging = PagingParams.from_value(args.get("paging"))
        skip, take = paging.get_skip(0), min(paging.get_take(100), 100)
        matching = [i for i in self.items if site_id is None or i["site_id"] == site_id]
        return DataPage(matching[skip:skip + take], None)

    def get_command_set(self) -> CommandSet:
        if self._commands is None:
            commands = CommandSet()
            commands.add_command(Command(
                "get_beacon_by_id", ObjectSchema().with_required_property("id", TypeCode.String),
                self.get_beacon_by_id))
            commands.add_command(Command(
                "get_beacons", ObjectSchema().with_optional_property("filter", FilterParamsSchema())
                .with_optional_property("paging", PagingParamsSchema()), self.get_beacons))
            self._commands = commands
        return self._commands


class BeaconsHttpService(CommandableHttpService):
    def __init__(self) -> None:
        super().__init__("v1/beacons")
        self._dependency_resolver.put("controller", Descriptor("beacons", "controller", "*", "*", "1.0"))


def main() -> None:
    port = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    service = BeaconsHttpService()
    service.configure(ConfigParams.from_tuples(
        "connection.protocol", "http", "connection.host", "127.0.0.1", "connection.port", port))
    service.set_references(References.from_tuples(
        Descriptor("beacons", "controller", "default", "default", "1.0"), BeaconsController(make_beacons(count))))
    service.open(None)
    threading.Event().wait()


if __name__ == "__main__":
    main()
