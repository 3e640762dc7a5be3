# -*- test-case-name: tests.beacons.test_controller -*-
"""The beacons business logic and the commands it exposes."""

from __future__ import annotations

import math
from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import Interface, implementer

from pipservices_tx.commands import Command, CommandSet, ICommandable
from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.data import DataPage, FilterParams, PagingParams
from pipservices_tx.portability import IdGenerator, TypeCode
from pipservices_tx.refer import DependencyResolver, Descriptor, IReferenceable, IReferences
from pipservices_tx.validation import (
    ArraySchema,
    AtLeastOneExistsRule,
    FilterParamsSchema,
    ObjectSchema,
    PagingParamsSchema,
)

from .data import BeaconTypeV1, beacon_schema


class IBeaconsController(Interface):
    """What clients of the beacons service can do, in-process or over the wire."""

    def get_beacons(correlation_id: Optional[str], filter: Any, paging: Any) -> Deferred[DataPage[dict[str, Any]]]:
        """A page of beacons matching C{filter}."""

    def get_beacon_by_id(correlation_id: Optional[str], beacon_id: str) -> Deferred[Optional[dict[str, Any]]]:
        """The beacon with that id, or None."""

    def get_beacon_by_udi(correlation_id: Optional[str], udi: str) -> Deferred[Optional[dict[str, Any]]]:
        """The beacon with that udi, or None."""

    def calculate_position(correlation_id: Optional[str], site_id: str, udis: list[str]) -> Deferred[Any]:
        """The GeoJSON point at the centre of the matching beacons, or None."""

    def create_beacon(correlation_id: Optional[str], beacon: dict[str, Any]) -> Deferred[dict[str, Any]]:
        """Stores a new beacon; its id is generated when missing."""

    def update_beacon(correlation_id: Optional[str], beacon: dict[str, Any]) -> Deferred[Optional[dict[str, Any]]]:
        """Replaces a beacon; None when there is none with that id."""

    def delete_beacon_by_id(correlation_id: Optional[str], beacon_id: str) -> Deferred[Optional[dict[str, Any]]]:
        """Deletes a beacon and returns it; None when there was none."""


def average_point(beacons: list[dict[str, Any]]) -> Optional[dict[str, Any]]:
    """
    The mean of the C{coordinates} of the beacons whose center is a GeoJSON
    Point with finite coordinates; finite even for points near the largest float.
    """
    points = []
    for beacon in beacons:
        center = beacon.get("center")
        if isinstance(center, dict) and center.get("type") == "Point":
            point = _finite_point(center.get("coordinates"))
            if point is not None:
                points.append(point)
    if not points:
        return None
    return {"type": "Point", "coordinates": [_mean([p[0] for p in points]), _mean([p[1] for p in points])]}


def _finite_point(coordinates: Any) -> Optional[tuple[float, float]]:
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return None
    try:
        lng, lat = float(coordinates[0]), float(coordinates[1])
    except (TypeError, ValueError, OverflowError):
        return None
    return (lng, lat) if math.isfinite(lng) and math.isfinite(lat) else None


def _mean(values: list[float]) -> float:
    """Exact sum, then divide; when the sum overflows, divide first (two points near 1.7e308)."""
    try:
        return math.fsum(values) / len(values)
    except OverflowError:
        return math.fsum(value / len(values) for value in values)


def _id_of(args: dict[str, Any]) -> str:
    return str(args.get("id") if args.get("id") is not None else args.get("beacon_id"))


#: The events the controller publishes, each with the beacon as its payload.
BEACON_CREATED = "beacon_created"
BEACON_UPDATED = "beacon_updated"
BEACON_DELETED = "beacon_deleted"


@implementer(IBeaconsController, ICommandable, IConfigurable, IReferenceable)
class BeaconsController:
    """
    Depends on C{persistence} (C{beacons:persistence:*:*:1.0} unless
    configured) and, when the config has one, on an C{events} publisher
    (C{*:event-publisher:*:*:1.0}): each change is then published as
    C{beacon_created}, C{beacon_updated} or C{beacon_deleted} with the beacon,
    and the call fires once the broker has the event (it fails when the
    event could not be published, the change itself being stored).
    """

    def __init__(self) -> None:
        self._dependency_resolver = DependencyResolver.from_tuples(
            "persistence", Descriptor("beacons", "persistence", "*", "*", "1.0"),
            "events", Descriptor("*", "event-publisher", "*", "*", "1.0"),
        )
        self._persistence: Any = None
        self._events: Any = None
        self._command_set: Optional[CommandSet] = None

    def configure(self, config: ConfigParams) -> None:
        self._dependency_resolver.configure(config)

    def set_references(self, references: IReferences) -> None:
        self._dependency_resolver.set_references(references)
        self._persistence = self._dependency_resolver.get_one_required("persistence")
        self._events = self._dependency_resolver.get_one_optional("events")

    def _publish(self, correlation_id: Optional[str], event: str) -> Any:
        """A callback that publishes its beacon as C{event} (when there is a publisher and a beacon)."""
        def publish(beacon: Any) -> Any:
            if self._events is None or beacon is None:
                return beacon
            return self._events.publish(correlation_id, event, beacon).addCallback(lambda _: beacon)

        return publish

    def get_command_set(self) -> CommandSet:
        if self._command_set is None:
            self._command_set = BeaconsCommandSet(self)
        return self._command_set

    def get_beacons(self, correlation_id: Optional[str], filter: Any, paging: Any) -> Deferred[DataPage[dict[str, Any]]]:
        return self._persistence.get_page_by_filter(
            correlation_id, FilterParams.from_value(filter), PagingParams.from_value(paging)
        )

    def get_beacon_by_id(self, correlation_id: Optional[str], beacon_id: str) -> Deferred[Optional[dict[str, Any]]]:
        return self._persistence.get_one_by_id(correlation_id, beacon_id)

    def get_beacon_by_udi(self, correlation_id: Optional[str], udi: str) -> Deferred[Optional[dict[str, Any]]]:
        return self._persistence.get_one_by_udi(correlation_id, udi)

    def calculate_position(self, correlation_id: Optional[str], site_id: str, udis: list[str]) -> Deferred[Any]:
        if not udis:
            return succeed(None)
        filter_params = FilterParams.from_value({"site_id": site_id, "udis": list(udis)})
        d = self._persistence.get_list_by_filter(correlation_id, filter_params)
        return d.addCallback(average_point)

    def create_beacon(self, correlation_id: Optional[str], beacon: dict[str, Any]) -> Deferred[dict[str, Any]]:
        beacon = dict(beacon)
        beacon["id"] = beacon.get("id") or IdGenerator.next_long()
        beacon["type"] = beacon.get("type") or BeaconTypeV1.UNKNOWN
        return self._persistence.create(correlation_id, beacon).addCallback(self._publish(correlation_id, BEACON_CREATED))

    def update_beacon(self, correlation_id: Optional[str], beacon: dict[str, Any]) -> Deferred[Optional[dict[str, Any]]]:
        beacon = dict(beacon)
        beacon["type"] = beacon.get("type") or BeaconTypeV1.UNKNOWN
        d = self._persistence.update(correlation_id, beacon)
        return d.addCallback(self._publish(correlation_id, BEACON_UPDATED))

    def delete_beacon_by_id(self, correlation_id: Optional[str], beacon_id: str) -> Deferred[Optional[dict[str, Any]]]:
        d = self._persistence.delete_by_id(correlation_id, beacon_id)
        return d.addCallback(self._publish(correlation_id, BEACON_DELETED))


def _id_schema() -> ObjectSchema:
    """C{id} (or C{beacon_id}, as pip-services clients send it): one is required."""
    return (
        ObjectSchema()
        .with_optional_property("id", TypeCode.String)
        .with_optional_property("beacon_id", TypeCode.String)
        .with_rule(AtLeastOneExistsRule("id", "beacon_id"))
    )


class BeaconsCommandSet(CommandSet):
    """The seven commands of docs/protocol.rst, section 7."""

    def __init__(self, controller: IBeaconsController) -> None:
        super().__init__()
        c = controller
        self.add_commands([
            Command(
                "get_beacons",
                ObjectSchema().with_optional_property("filter", FilterParamsSchema())
                .with_optional_property("paging", PagingParamsSchema()),
                lambda cid, args: c.get_beacons(cid, args.get("filter"), args.get("paging")),
            ),
            Command("get_beacon_by_id", _id_schema(), lambda cid, args: c.get_beacon_by_id(cid, _id_of(args))),
            Command(
                "get_beacon_by_udi",
                ObjectSchema().with_required_property("udi", TypeCode.String),
                lambda cid, args: c.get_beacon_by_udi(cid, args["udi"]),
            ),
            Command(
                "calculate_position",
                ObjectSchema().with_required_property("site_id", TypeCode.String)
                .with_required_property("udis", ArraySchema(TypeCode.String)),
                lambda cid, args: c.calculate_position(cid, args["site_id"], args["udis"]),
            ),
            Command(
                "create_beacon",
                ObjectSchema().with_required_property("beacon", beacon_schema()),
                lambda cid, args: c.create_beacon(cid, args["beacon"]),
            ),
            Command(
                "update_beacon",
                ObjectSchema().with_required_property("beacon", beacon_schema()),
                lambda cid, args: c.update_beacon(cid, args["beacon"]),
            ),
            Command("delete_beacon_by_id", _id_schema(), lambda cid, args: c.delete_beacon_by_id(cid, _id_of(args))),
        ])
