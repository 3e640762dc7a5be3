"""
The aiohttp baseline: a minimal aiohttp app answering the same beacons
commands with the same JSON (what a user choosing a plain asyncio stack writes).

    python -m benchmarks.baselines.raw_aiohttp PORT [ITEMS]
"""

from __future__ import annotations

import json
import sys
from typing import Any

from aiohttp import web

from .fixtures import make_beacons


def make_app(items: list[dict[str, Any]]) -> web.Application:
    by_id = {item["id"]: item for item in items}

    async def get_beacon_by_id(request: web.Request) -> web.Response:
        args = json.loads(await request.read() or b"{}")
        item = by_id.get(args.get("id"))
        if item is None:
            return web.Response(status=204)
        return web.Response(body=json.dumps(item).encode(), content_type="application/json")

    async def get_beacons(request: web.Request) -> web.Response:
        args = json.loads(await request.read() or b"{}")
        paging = args.get("paging") or {}
        skip, take = int(paging.get("skip", 0)), min(int(paging.get("take", 100)), 100)
        site_id = (args.get("filter") or {}).get("site_id")
        matching = [i for i in items if site_id is None or i["site_id"] == site_id]
        body = json.dumps({"data": matching[skip:skip + take], "total": None}).encode()
        return web.Response(body=body, content_type="application/json")

    app = web.Application()
    app.router.add_post("/v1/beacons/get_beacon_by_id", get_beacon_by_id)
    app.router.add_post("/v1/beacons/get_beacons", get_beacons)
    return app


def main() -> None:
    port = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    web.run_app(make_app(make_beacons(count)), host="127.0.0.1", port=port, access_log=None, print=None)


if __name__ == "__main__":
    main()
