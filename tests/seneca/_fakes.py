"""A service with an action of every kind, and a StubTreq poster of raw acts, for the seneca tests."""

from __future__ import annotations

import json
from typing import Any, Optional

from treq.testing import StubTreq
from twisted.internet.defer import Deferred, succeed

from pipservices_tx.errors import ConflictException
from pipservices_tx.seneca import SenecaService


class MathService(SenecaService):
    """C{role:math}: results of every shape, errors of every kind, and a pattern more specific than another."""

    def __init__(self) -> None:
        super().__init__("role:math")
        self.calls: list[tuple[Optional[str], dict[str, Any]]] = []
        self.pending: list[Deferred[Any]] = []

    def register(self) -> None:
        self.register_action("cmd:sum", lambda cid, args: {"answer": args["left"] + args["right"]})
        self.register_action("cmd:echo", self._echo)
        self.register_action("cmd:list", lambda cid, args: succeed([1, 2, 3]))
        self.register_action("cmd:none", lambda cid, args: None)
        self.register_action("cmd:scalar", lambda cid, args: 42)
        self.register_action("cmd:conflict", self._conflict)
        self.register_action("cmd:crash", lambda cid, args: 1 / 0)
        self.register_action("cmd:later", self._later)
        self.register_action("cmd:coroutine", self._coroutine)
        self.register_action({"cmd": "sum", "mode": "exact"}, lambda cid, args: {"exact": True})

    def _echo(self, correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        self.calls.append((correlation_id, args))
        return {"args": args, "correlation_id": correlation_id}

    def _conflict(self, correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        raise ConflictException(correlation_id, "ALREADY_THERE", "It is there").with_details("key", args.get("key"))

    def _later(self, correlation_id: Optional[str], args: dict[str, Any]) -> Deferred[Any]:
        d: Deferred[Any] = Deferred()
        self.pending.append(d)
        return d

    async def _coroutine(self, correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        return {"async": True}


class RawActs:
    """POSTs bodies to C{/act} of a resource through StubTreq; answers (status, headers, JSON or bytes)."""

    def __init__(self, resource: Any) -> None:
        self.treq = StubTreq(resource)

    def post(self, body: Any, path: str = "/act", headers: Optional[dict[str, str]] = None,
             method: str = "POST") -> Deferred[tuple[int, Any, Any]]:
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")

        async def run() -> tuple[int, Any, Any]:
            response = await self.treq.request(method, "http://seneca" + path, data=data, headers=headers or {})
            content = await response.content()
            try:
                value = json.loads(content)
            except ValueError:
                value = content
            return response.code, response.headers, value

        return Deferred.fromCoroutine(run())
