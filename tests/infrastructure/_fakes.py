"""A fake client of an infrastructure service: records calls, answers when the test says so."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import BadRequestException, ConnectionException


class FakeServiceClient:
    """
    C{calls} holds (command, payload, Deferred); C{down} makes every call fail
    at once with a connection error, C{refuse} with a 400.
    """

    base_url = "http://fake:1"

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, Deferred[Any]]] = []
        self.config = ConfigParams()
        self.down = False
        self.refuse = False
        self.manual = False
        self.opened = self.closed = False

    def configure(self, config: ConfigParams) -> None:
        self.config = config

    def set_references(self, references: Any) -> None:
        pass

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        self.opened = True
        return succeed(None)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        self.closed = True
        return succeed(None)

    def _call(self, command: str, payload: Any) -> Deferred[Any]:
        d: Deferred[Any] = Deferred()
        self.calls.append((command, payload, d))
        if self.down:
            d.errback(ConnectionException(None, "CANNOT_CONNECT", "connection refused"))
        elif self.refuse:
            d.errback(BadRequestException(None, "INVALID_DATA", "not what I take"))
        elif not self.manual:
            d.callback(None)
        return d

    def write_messages(self, correlation_id: Optional[str], messages: list[Any]) -> Deferred[Any]:
        return self._call("write_messages", messages)

    def write_counters(self, correlation_id: Optional[str], counters: list[Any]) -> Deferred[Any]:
        return self._call("write_counters", counters)

    def payloads(self) -> list[Any]:
        return [payload for _, payload, d in self.calls]
