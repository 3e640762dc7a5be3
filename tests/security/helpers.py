"""A service with routes that need roles, behind an authorizer, for the authorizer tests."""

from __future__ import annotations

import base64
from typing import Any

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import RestService

from ..services.helpers import StubClient


class GuardedService(RestService):
    """C{GET /api/whoami} (any caller), C{POST /api/admin} (admin), C{GET /api/report} (admin or auditor)."""

    base_route = "api"

    def register(self) -> None:
        self.register_route("GET", "/whoami", self.whoami)
        self.register_route("POST", "/admin", lambda request: {"done": True})
        self.register_route("GET", "/report", lambda request: {"report": True})

    def whoami(self, request: Any) -> Any:
        identity = request.identity
        return {"name": identity.name, "roles": sorted(identity.roles), "scheme": identity.scheme}


def guarded_client(case: SynchronousTestCase, locator: Descriptor, authorizer: Any) -> StubClient:
    service = GuardedService()
    service.configure(ConfigParams.from_tuples(
        "dependencies.authorizer", str(locator),
        "auth.roles.admin", "admin",
        "auth.roles.report", "admin, auditor",
    ))
    service.set_references(References.from_tuples(locator, authorizer))
    return StubClient(case, service.resource())


def basic(name: str, password: str) -> dict[str, list[str]]:
    return {"authorization": ["Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()]}


def bearer(token: str) -> dict[str, list[str]]:
    return {"authorization": ["Bearer " + token]}


class InlineHashes:
    """A stand-in for the authorizer's hash pool that checks on the calling thread (synchronous tests)."""

    running = True

    def __init__(self) -> None:
        self.checks = 0

    def run(self, reactor: Any, check: Any, *args: Any, correlation_id: Any = None) -> Any:
        from twisted.internet.defer import maybeDeferred

        self.checks += 1
        return maybeDeferred(check, *args)

    def start(self, reactor: Any) -> None:
        pass

    def stop(self) -> None:
        pass


def hash_inline(authorizer: Any) -> InlineHashes:
    """Makes a configured BasicAuthorizer check hashes synchronously; returns the counter of checks."""
    inline = InlineHashes()
    authorizer._hashes = inline
    return inline
