"""
The raw Klein baseline: a Klein app answering the same beacons commands.

    python -m benchmarks.baselines.raw_klein PORT [ITEMS]
"""

from __future__ import annotations

import json
import sys
from typing import Any

from klein import Klein
from twisted.internet import reactor
from twisted.web.server import Site

from .fixtures import make_beacons

app = Klein()
ITEMS: list[dict[str, Any]] = []
BY_ID: dict[str, dict[str, Any]] = {}


@app.route("/v1/beacons/get_beacon_by_id", methods=["POST"])
def get_beacon_by_id(request: Any) -> bytes:
    args = json.loads(request.content.read() or b"{}")
    request.setHeader(b"content-type", b"application/json")
    item = BY_ID.get(args.get("id"))
    if item is None:
        request.setResponseCode(204)
        return b""
    return json.dumps(item).encode()


@app.route("/v1/beacons/get_beacons", methods=["POST"])
def get_beacons(request: Any) -> bytes:
    args = json.loads(request.content.read() or b"{}")
    request.setHeader(b"content-type", b"application/json")
    paging = args.get("paging") or {}
    skip, take = int(paging.get("skip", 0)), min(int(paging.get("take", 100)), 100)
    site_id = (args.get("filter") or {}).get("site_id")
    matching = [i for i in ITEMS if site_id is None or i["site_id"] == site_id]
    return json.dumps({"data": matching[skip:skip + take], "total": None}).encode()


def main() -> None:
    port = int(sys.argv[1])
    ITEMS.extend(make_beacons(int(sys.argv[2]) if len(sys.argv) > 2 else 1000))
    BY_ID.update({item["id"]: item for item in ITEMS})
    site = Site(app.resource())
    site.noisy = False
    reactor.listenTCP(port, site, interface="127.0.0.1")  # type: ignore[attr-defined,arg-type]
    reactor.run()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
