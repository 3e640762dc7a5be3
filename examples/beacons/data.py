# -*- test-case-name: tests.beacons.test_data -*-
"""BeaconV1: the data the beacons service keeps, and its validation schema."""

from __future__ import annotations

from typing import Any, Optional, TypedDict

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import ArraySchema, IncludedRule, ObjectSchema


class BeaconTypeV1:
    """The kinds of beacon a site may have."""

    UNKNOWN = "unknown"
    ALT_BEACON = "altbeacon"
    I_BEACON = "ibeacons"
    EDDYSTONE_UDI = "eddystone-udi"

    ALL = (UNKNOWN, ALT_BEACON, I_BEACON, EDDYSTONE_UDI)


class PointV1(TypedDict):
    """A GeoJSON point: C{coordinates} are C{[longitude, latitude]}."""

    type: str
    coordinates: list[float]


class BeaconV1(TypedDict, total=False):
    """A beacon as it crosses the wire: a JSON object with these keys."""

    id: str
    site_id: str
    type: str
    udi: str
    label: Optional[str]
    center: Optional[PointV1]
    radius: Optional[float]


def point_schema() -> ObjectSchema:
    return (
        ObjectSchema()
        .with_required_property("type", TypeCode.String, IncludedRule("Point"))
        .with_required_property("coordinates", ArraySchema(TypeCode.Float))
    )


def beacon_schema() -> ObjectSchema:
    """C{site_id} and C{udi} are required; the rest is optional."""
    return (
        ObjectSchema()
        .with_optional_property("id", TypeCode.String)
        .with_required_property("site_id", TypeCode.String)
        .with_optional_property("type", TypeCode.String, IncludedRule(*BeaconTypeV1.ALL))
        .with_required_property("udi", TypeCode.String)
        .with_optional_property("label", TypeCode.String)
        .with_optional_property("center", point_schema())
        .with_optional_property("radius", TypeCode.Float)
    )


def beacon(
    id: str, site_id: str, type: str, udi: str, label: str, coordinates: list[float], radius: float
) -> dict[str, Any]:
    """A beacon dict with a Point center: handy for fixtures and tests."""
    return {
        "id": id, "site_id": site_id, "type": type, "udi": udi, "label": label,
        "center": {"type": "Point", "coordinates": coordinates}, "radius": radius,
    }


FIXTURES: tuple[dict[str, Any], ...] = (
    beacon("1", "1", BeaconTypeV1.ALT_BEACON, "00001", "TestBeacon1", [0, 0], 50),
    beacon("2", "1", BeaconTypeV1.I_BEACON, "00002", "TestBeacon2", [2, 2], 70),
    beacon("3", "2", BeaconTypeV1.ALT_BEACON, "00003", "TestBeacon3", [10, 10], 50),
)
