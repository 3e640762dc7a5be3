"""
A beacons-style service built only from pip-services3: run as a script by
tests.beacons.test_interop. Prints C{READY <port>} once it accepts connections,
then serves until killed.

Usage: python pips_service.py FIXTURES_JSON
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from typing import Any, Optional

from pip_services3_commons.commands import Command, CommandSet, ICommandable
from pip_services3_commons.config import ConfigParams
from pip_services3_commons.convert import TypeCode
from pip_services3_commons.data import DataPage, IdGenerator, PagingParams
from pip_services3_commons.errors import BadRequestException, NotFoundException
from pip_services3_commons.refer import Descriptor, References
from pip_services3_commons.validate import (
    ArraySchema,
    FilterParamsSchema,
    IncludedRule,
    ObjectSchema,
    PagingParamsSchema,
)
from pip_services3_rpc.services import CommandableHttpService

TYPES = ["unknown", "altbeacon", "ibeacons", "eddystone-udi"]


def beacon_schema() -> ObjectSchema:
    return (
        ObjectSchema()
        .with_optional_property("id", TypeCode.String)
        .with_required_property("site_id", TypeCode.String)
        .with_optional_property("type", TypeCode.String, IncludedRule(*TYPES))
        .with_required_property("udi", TypeCode.String)
        .with_optional_property("label", TypeCode.String)
        .with_optional_property("center", TypeCode.Map)
        .with_optional_property("radius", TypeCode.Float)
    )


def udis_of(value: Any) -> Optional[list]:
    if value is None:
        return None
    if isinstance(value, str):
        return [udi for udi in value.split(",") if udi]
    return list(value)


class BeaconsController(ICommandable):
    """Beacons in a dict; errors raised the pip-services3 way."""

    def __init__(self, fixtures: list) -> None:
        self.beacons = {beacon["id"]: dict(beacon) for beacon in fixtures}
        self.command_set: Optional[CommandSet] = None

    def get_command_set(self) -> CommandSet:
        if self.command_set is None:
            self.command_set = self._make_command_set()
        return self.command_set

    def _matching(self, filter_value: Any) -> list:
        criteria = dict(filter_value or {})
        udis = udis_of(criteria.pop("udis", None))
        result = []
        for beacon in self.beacons.values():
            if udis is not None and beacon.get("udi") not in udis:
                continue
            if all(str(beacon.get(key)) == str(value) for key, value in criteria.items()):
                result.append(beacon)
        return result

    def get_beacons(self, correlation_id, args) -> DataPage:
        items = self._matching(args.get("filter"))
        paging = PagingParams.from_value(args.get("paging"))
        skip, take = paging.get_skip(0), paging.get_take(100)
        total = len(items) if paging.total else None
        return DataPage(items[skip:skip + take], total)

    def get_beacon_by_id(self, correlation_id, args) -> Any:
        return self.beacons.get(args.get("beacon_id"))

    def get_beacon_by_udi(self, correlation_id, args) -> Any:
        found = [beacon for beacon in self.beacons.values() if beacon.get("udi") == args.get("udi")]
        return found[0] if found else None

    def calculate_position(self, correlation_id, args) -> Any:
        site_id = args.get("site_id")
        if not any(beacon.get("site_id") == site_id for beacon in self.beacons.values()):
            raise NotFoundException(correlation_id, "SITE_NOT_FOUND", "No beacons at site " + site_id) \
                .with_details("site_id", site_id)
        points = [beacon["center"]["coordinates"] for beacon in self._matching({"site_id": site_id,
                                                                                 "udis": args.get("udis")})
                  if (beacon.get("center") or {}).get("type") == "Point"]
        if not points:
            return None
        return {"type": "Point", "coordinates": [sum(p[0] for p in points) / len(points),
                                                 sum(p[1] for p in points) / len(points)]}

    def create_beacon(self, correlation_id, args) -> Any:
        beacon = dict(args.get("beacon"))
        if any(other.get("udi") == beacon["udi"] for other in self.beacons.values()):
            raise BadRequestException(correlation_id, "DUPLICATE_UDI", "Beacon " + beacon["udi"] + " exists") \
                .with_details("udi", beacon["udi"])
        beacon["id"] = beacon.get("id") or IdGenerator.next_long()
        beacon["type"] = beacon.get("type") or "unknown"
        self.beacons[beacon["id"]] = beacon
        return beacon

    def update_beacon(self, correlation_id, args) -> Any:
        beacon = dict(args.get("beacon"))
        if beacon.get("id") not in self.beacons:
            return None
        beacon["type"] = beacon.get("type") or "unknown"
        self.beacons[beacon["id"]] = beacon
        return beacon

    def delete_beacon_by_id(self, correlation_id, args) -> Any:
        return self.beacons.pop(args.get("beacon_id"), None)

    def _make_command_set(self) -> CommandSet:
        by_id = ObjectSchema().with_required_property("beacon_id", TypeCode.String)
        commands = CommandSet()
        commands.add_commands([
            Command("get_beacons", ObjectSchema().with_optional_property("filter", FilterParamsSchema())
                    .with_optional_property("paging", PagingParamsSchema()), self.get_beacons),
            Command("get_beacon_by_id", by_id, self.get_beacon_by_id),
            Command("get_beacon_by_udi", ObjectSchema().with_required_property("udi", TypeCode.String),
                    self.get_beacon_by_udi),
            Command("calculate_position", ObjectSchema().with_required_property("site_id", TypeCode.String)
                    .with_required_property("udis", ArraySchema(TypeCode.String)), self.calculate_position),
            Command("create_beacon", ObjectSchema().with_required_property("beacon", beacon_schema()),
                    self.create_beacon),
            Command("update_beacon", ObjectSchema().with_required_property("beacon", beacon_schema()),
                    self.update_beacon),
            Command("delete_beacon_by_id", by_id, self.delete_beacon_by_id),
        ])
        return commands


class BeaconsHttpService(CommandableHttpService):
    def __init__(self) -> None:
        super().__init__("v1/beacons")
        self._dependency_resolver.put("controller", Descriptor("beacons", "controller", "*", "*", "1.0"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def main() -> None:
    fixtures = json.loads(sys.argv[1]) if len(sys.argv) > 1 else []
    port = free_port()
    controller = BeaconsController(fixtures)
    service = BeaconsHttpService()
    service.configure(ConfigParams.from_tuples(
        "connection.protocol", "http", "connection.host", "127.0.0.1", "connection.port", port))
    service.set_references(References.from_tuples(
        Descriptor("beacons", "controller", "default", "default", "1.0"), controller))
    service.open(None)
    wait_until_listening(port, 10)
    print("READY", port, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
