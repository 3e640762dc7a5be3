"""A route that takes a while (GET /drill/slow?ms=500): requests stay in flight for the drills."""

from __future__ import annotations

from typing import Any

from twisted.internet import task

from pipservices_tx.services import RestService


class SlowService(RestService):
    base_route = "drill"

    def register(self) -> None:
        self.register_route("GET", "/slow", self._slow, name="slow")

    def _slow(self, request: Any) -> Any:
        from twisted.internet import reactor

        ms = int(request.args.get(b"ms", [b"500"])[0])
        return task.deferLater(reactor, ms / 1000.0, lambda: {"slept_ms": ms, "pad": "x" * 2000})


SLOW_ENTRY = '\n- type: "SlowService,benchmarks.drills._slow_service"\n'
