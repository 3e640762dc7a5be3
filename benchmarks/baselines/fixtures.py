"""The data every server in a benchmark serves: the same beacons, the same JSON."""

from __future__ import annotations

from typing import Any


def make_beacons(count: int) -> list[dict[str, Any]]:
    """C{count} beacons on two sites, ids C{"1"}..C{str(count)}."""
    return [
        {
            "id": str(index),
            "site_id": str(1 + index % 2),
            "type": "altbeacon",
            "udi": f"{index:05d}",
            "label": f"TestBeacon{index}",
            "center": {"type": "Point", "coordinates": [index % 90, index % 45]},
            "radius": 50.0,
        }
        for index in range(1, count + 1)
    ]
