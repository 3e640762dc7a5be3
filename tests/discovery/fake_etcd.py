"""An in-memory stand-in for etcd's v3 JSON gateway, driven by a test clock (for StubTreq)."""

from __future__ import annotations

import base64
import json
from typing import Any

from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET


def _d(value: str | None) -> bytes:
    return base64.b64decode(value or "")


def _e(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


class FakeEtcd(Resource):
    """Keys, leases that expire on C{clock}, and a C{hang} switch that leaves requests unanswered."""

    isLeaf = True

    def __init__(self, clock: Any) -> None:
        super().__init__()
        self.clock = clock
        self.kv: dict[bytes, tuple[bytes, str | None]] = {}
        self.leases: dict[str, tuple[int, float]] = {}
        self.next_lease = 100
        self.hang = False
        self.calls: list[str] = []

    def _expire(self) -> None:
        now = self.clock.seconds()
        for lease, (_, deadline) in list(self.leases.items()):
            if deadline <= now:
                self._revoke(lease)

    def _revoke(self, lease: str) -> None:
        del self.leases[lease]
        self.kv = {k: v for k, v in self.kv.items() if v[1] != lease}

    def render_POST(self, request: Any) -> Any:
        path = request.path.decode()
        self.calls.append(path)
        if self.hang:
            return NOT_DONE_YET
        self._expire()
        body = json.loads(request.content.read() or b"{}")
        status, answer = self._handle(path, body)
        request.setResponseCode(status)
        request.setHeader(b"content-type", b"application/json")
        return json.dumps(answer).encode()

    def _handle(self, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if path == "/v3/kv/put":
            lease = body.get("lease")
            if lease is not None and str(lease) not in self.leases:
                return 404, {"error": "requested lease not found", "message": "requested lease not found", "code": 5}
            self.kv[_d(body["key"])] = (_d(body.get("value")), None if lease is None else str(lease))
            return 200, {"header": {}}
        if path == "/v3/kv/range":
            key, end = _d(body["key"]), _d(body.get("range_end"))
            found = sorted(k for k in self.kv if (key <= k < end if end else k == key))
            return 200, {"kvs": [{"key": _e(k), "value": _e(self.kv[k][0])} for k in found]} if found else {}
        if path == "/v3/kv/deleterange":
            deleted = int(self.kv.pop(_d(body["key"]), None) is not None)
            return 200, {"deleted": str(deleted)}
        if path == "/v3/lease/grant":
            self.next_lease += 1
            lease = str(self.next_lease)
            self.leases[lease] = (int(body["TTL"]), self.clock.seconds() + int(body["TTL"]))
            return 200, {"ID": lease, "TTL": str(body["TTL"])}
        if path == "/v3/lease/keepalive":
            lease = str(body["ID"])
            if lease not in self.leases:
                return 200, {"result": {"ID": lease}}
            ttl = self.leases[lease][0]
            self.leases[lease] = (ttl, self.clock.seconds() + ttl)
            return 200, {"result": {"ID": lease, "TTL": str(ttl)}}
        if path == "/v3/lease/revoke":
            lease = str(body["ID"])
            if lease not in self.leases:
                return 404, {"error": "requested lease not found", "message": "requested lease not found", "code": 5}
            self._revoke(lease)
            return 200, {}
        return 404, {"error": "Not Found", "code": 5}
