"""
The tuned raw twisted.web baseline: one leaf resource answering the beacons
commands by hand (dict lookup, json, no access log, no form parsing).

    python -m benchmarks.baselines.raw_web PORT [ITEMS]
"""

from __future__ import annotations

import json
import sys
from typing import Any

from twisted.internet import reactor
from twisted.web.resource import Resource
from twisted.web.server import Site

from .fixtures import make_beacons


class _QuietSite(Site):
    noisy = False

    def log(self, request: Any) -> None:
        pass


class BeaconsResource(Resource):
    isLeaf = True

    def __init__(self, items: list[dict[str, Any]]) -> None:
        super().__init__()
        self.items = items
        self.by_id = {item["id"]: item for item in items}

    def render_POST(self, request: Any) -> bytes:
        args = json.loads(request.content.read() or b"{}")
        request.setHeader(b"content-type", b"application/json")
        if request.path == b"/v1/beacons/get_beacon_by_id":
            item = self.by_id.get(args.get("id"))
            if item is None:
                request.setResponseCode(204)
                return b""
            return json.dumps(item).encode()
        if request.path == b"/v1/beacons/get_beacons":
            paging = args.get("paging") or {}
            skip, take = int(paging.get("skip", 0)), min(int(paging.get("take", 100)), 100)
            site_id = (args.get("filter") or {}).get("site_id")
            matching = [i for i in self.items if site_id is None or i["site_id"] == site_id]
            return json.dumps({"data": matching[skip:skip + take], "total": None}).encode()
        request.setResponseCode(404)
        return b'{"code": "NOT_FOUND"}'


def main() -> None:
    port = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    site = _QuietSite(BeaconsResource(make_beacons(count)), parsePOSTFormSubmission=False)
    reactor.listenTCP(port, site, interface="127.0.0.1")  # type: ignore[attr-defined,arg-type]
    reactor.run()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
