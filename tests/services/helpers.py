"""Small fakes shared by the services tests."""

from __future__ import annotations

import json
from typing import Any, Optional

from treq.testing import StubTreq
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer

from pipservices_tx.commands import Command, CommandSet, ICommandable
from pipservices_tx.counters import CachedCounters
from pipservices_tx.errors import ConflictException, NotFoundException
from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import ObjectSchema


class MemoryCounters(CachedCounters):
    """Counters that stay in memory for the test to read."""

    def _save(self, counters: Any) -> None:
        pass


@implementer(ICommandable)
class EchoController:
    """Commands that cover every kind of result a command can have."""

    def __init__(self) -> None:
        self.calls: list[tuple[Optional[str], dict[str, Any]]] = []
        self.command_set = CommandSet()
        self.command_set.add_commands([
            Command("echo", None, self._echo),
            Command("nothing", None, lambda cid, args: None),
            Command("missing", None, self._missing),
            Command("conflict", None, self._conflict),
            Command("crash", None, lambda cid, args: 1 / 0),
            Command(
                "typed",
                ObjectSchema().with_required_property("name", TypeCode.String),
                lambda cid, args: {"hello": args["name"]},
            ),
        ])

    def get_command_set(self) -> CommandSet:
        return self.command_set

    def _echo(self, correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        self.calls.append((correlation_id, args))
        return args

    def _missing(self, correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        raise NotFoundException(correlation_id, "NO_THING", "No such thing").with_details("id", args.get("id"))

    def _conflict(self, correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        raise ConflictException(correlation_id, "DUPLICATE", "Already there")


class StubClient:
    """Synchronous requests against a resource through StubTreq."""

    def __init__(self, case: SynchronousTestCase, resource: Any) -> None:
        self.case = case
        self.treq = StubTreq(resource)

    def request(self, method: str, url: str, body: Any = None, headers: Optional[dict[str, Any]] = None,
                raw: Optional[bytes] = None) -> tuple[Any, bytes]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        d = self.treq.request(method, "http://service" + url, data=data, headers=headers)
        self.treq.flush()
        response = self.case.successResultOf(d)
        content = self.treq.content(response)
        self.treq.flush()
        return response, self.case.successResultOf(content)

    def json(self, method: str, url: str, body: Any = None, **kwargs: Any) -> tuple[int, Any]:
        response, content = self.request(method, url, body, **kwargs)
        return response.code, (json.loads(content) if content else None)
