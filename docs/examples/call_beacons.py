"""Calls a running beacons service through its Python client (the tutorial's last step).

    python docs/examples/call_beacons.py http://localhost:8080
"""

from __future__ import annotations

import os
import sys
from typing import Any

from twisted.internet import defer, task

# The beacons example is in examples/ of the repository, which pip does not
# install: put the repository root (two levels up) first on the path, so that
# the script runs from anywhere in a checkout.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from examples.beacons.clients import BeaconsCommandableHttpClientV1  # noqa: E402
from pipservices_tx.config import ConfigParams  # noqa: E402


async def main(reactor: Any, url: str = "http://localhost:8080") -> Any:
    client = BeaconsCommandableHttpClientV1()
    client.set_reactor(reactor)
    client.configure(ConfigParams.from_tuples("connection.uri", url))
    await client.open("tutorial")
    try:
        beacon = await client.create_beacon("tutorial", {
            "site_id": "1", "udi": "00001", "center": {"type": "Point", "coordinates": [0, 0]},
        })
        print("created", beacon["id"])
        page = await client.get_beacons("tutorial", {"site_id": "1"}, None)
        print(len(page.data), "beacons on site 1")
        position = await client.calculate_position("tutorial", "1", ["00001"])
        print("position", position["coordinates"])
        return position
    finally:
        await client.close("tutorial")


if __name__ == "__main__":
    task.react(lambda reactor: defer.ensureDeferred(main(reactor, *sys.argv[1:])))
