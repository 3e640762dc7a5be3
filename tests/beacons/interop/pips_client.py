"""
A pip-services3 CommandableHttpClient calling a beacons service: run as a
script by tests.beacons.test_interop. Prints one JSON object: for each step
either C{{"result": ...}} or C{{"error": {...}}} as pip-services3 saw it.

Usage: python pips_client.py BASE_URL    (e.g. http://127.0.0.1:8080)
"""

from __future__ import annotations

import json
import sys
from typing import Any, Callable
from urllib.parse import urlsplit

from pip_services3_commons.config import ConfigParams
from pip_services3_commons.data import FilterParams, PagingParams
from pip_services3_commons.errors import ApplicationException
from pip_services3_rpc.clients import CommandableHttpClient

NEW_BEACON = {"id": "100", "site_id": "1", "type": "altbeacon", "udi": "00100", "label": "New",
              "center": {"type": "Point", "coordinates": [4, 4]}, "radius": 10.5}


class BeaconsClient(CommandableHttpClient):
    def __init__(self) -> None:
        super().__init__("v1/beacons")


def outcome(call: Callable[[], Any]) -> dict:
    try:
        return {"result": call()}
    except ApplicationException as error:
        return {"error": {
            "class": type(error).__name__, "category": error.category, "code": error.code,
            "status": error.status, "correlation_id": error.correlation_id, "details": error.details,
            "message": error.message,
        }}


def sorted_page(page: Any) -> Any:
    if isinstance(page, dict) and isinstance(page.get("data"), list):
        page = dict(page, data=sorted(page["data"], key=lambda beacon: beacon["id"]))
    return page


def scenario(client: BeaconsClient) -> dict:
    call = client.call_command
    steps: dict = {}

    def created_without_id() -> Any:
        beacon = call("create_beacon", "c2", {"beacon": {"site_id": "3", "udi": "00300"}})
        return {"has_id": bool(beacon.pop("id", None)), "rest": beacon}

    def page_slice() -> Any:
        page = call("get_beacons", "c6", {"filter": FilterParams(), "paging": PagingParams(1, 2, True)})
        return {"size": len(page["data"]), "total": page["total"]}

    steps["create"] = outcome(lambda: call("create_beacon", "c1", {"beacon": NEW_BEACON}))
    steps["create_generated"] = outcome(created_without_id)
    steps["get_by_id"] = outcome(lambda: call("get_beacon_by_id", "c3", {"beacon_id": "100"}))
    steps["get_by_udi"] = outcome(lambda: call("get_beacon_by_udi", "c4", {"udi": "00002"}))
    steps["page"] = outcome(lambda: sorted_page(call(
        "get_beacons", "c5", {"filter": FilterParams.from_tuples("site_id", "1"), "paging": PagingParams(0, 10, True)})))
    steps["page_slice"] = outcome(page_slice)
    steps["position"] = outcome(lambda: call("calculate_position", "c7", {"site_id": "1", "udis": ["00001", "00002"]}))
    steps["position_none"] = outcome(lambda: call("calculate_position", "c8", {"site_id": "2", "udis": ["00001"]}))
    steps["update"] = outcome(lambda: call("update_beacon", "c9", {"beacon": dict(NEW_BEACON, label="Moved")}))
    steps["update_missing"] = outcome(lambda: call("update_beacon", "c10", {"beacon": dict(NEW_BEACON, id="404")}))
    steps["delete"] = outcome(lambda: call("delete_beacon_by_id", "c11", {"beacon_id": "100"}))
    steps["deleted_is_gone"] = outcome(lambda: call("get_beacon_by_id", "c12", {"beacon_id": "100"}))
    steps["validation"] = outcome(lambda: call("create_beacon", "interop-cid", {"beacon": {"site_id": "1"}}))
    steps["not_found"] = outcome(lambda: call("get_beacon_by_id", "c13", {"beacon_id": "404"}))
    steps["unknown_command"] = outcome(lambda: call("no_such_command", "c14", {}))
    return steps


def main() -> None:
    url = urlsplit(sys.argv[1])
    client = BeaconsClient()
    client.configure(ConfigParams.from_tuples(
        "connection.protocol", url.scheme, "connection.host", url.hostname, "connection.port", url.port,
        "options.timeout", 20))  # requests takes it in seconds
    client.open(None)
    try:
        print(json.dumps(scenario(client), default=str))
    finally:
        client.close(None)


if __name__ == "__main__":
    main()
