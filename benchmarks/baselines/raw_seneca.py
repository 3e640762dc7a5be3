"""
The raw twisted.web baseline of the seneca benchmark: one leaf resource
answering the beacons acts at POST /act by hand (dict lookup by role and
cmd, json, no access log, no form parsing).

    python -m benchmarks.baselines.raw_seneca PORT [ITEMS]
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


class ActResource(Resource):
    isLeaf = True

    def __init__(self, items: list[dict[str, Any]]) -> None:
        super().__init__()
        self.items = items
        self.by_id = {item["id"]: item for item in items}
        self.actions = {("beacons", "get_beacon_by_id"): self.get_by_id, ("beacons", "get_beacons"): self.get_page}

    def render_POST(self, request: Any) -> bytes:
        act = json.loads(request.content.read() or b"{}")
        request.setHeader(b"content-type", b"application/json")
        action = self.actions.get((act.get("role"), act.get("cmd"))) if request.path == b"/act" else None
        if action is None:
            request.setResponseCode(404)
            return b'{"code": "ACT_NOT_FOUND"}'
        return json.dumps(action(act)).encode()

    def get_by_id(self, act: dict[str, Any]) -> Any:
        return self.by_id.get(act.get("beacon_id"))

    def get_page(self, act: dict[str, Any]) -> Any:
        paging = act.get("paging") or {}
        skip, take = int(paging.get("skip", 0)), min(int(paging.get("take", 100)), 100)
        site_id = (act.get("filter") or {}).get("site_id")
        matching = [i for i in self.items if site_id is None or i["site_id"] == site_id]
        return {"data": matching[skip:skip + take], "total": None}


def main() -> None:
    port = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    site = _QuietSite(ActResource(make_beacons(count)), parsePOSTFormSubmission=False)
    reactor.listenTCP(port, site, interface="127.0.0.1")  # type: ignore[attr-defined,arg-type]
    reactor.run()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
