"""A fleet of fake services behind one fake HTTP client: each host can answer, refuse, reset or stay silent."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urlsplit

from treq.testing import StubTreq
from twisted.internet import defer
from twisted.internet.error import ConnectionLost, ConnectionRefusedError
from twisted.internet.task import Clock
from twisted.python.failure import Failure
from twisted.web.client import ResponseNeverReceived
from twisted.web.resource import Resource

from pipservices_tx.clients import RestClient
from pipservices_tx.config import ConfigParams
from pipservices_tx.testing import with_reactor

from .fake_service import FakeService
from .support import instrumentation


class _ByHost(Resource):
    isLeaf = True

    def __init__(self, services: dict[str, FakeService]) -> None:
        super().__init__()
        self._services = services

    def render(self, request: Any) -> Any:
        host = (request.getHeader(b"host") or b"").decode("ascii")
        return self._services[host].render(request)


class FakeFleet:
    """
    Stands in for treq: a request to a host in C{refusing} fails as a refused
    connection (nothing sent), in C{resetting} as a connection lost after
    sending, in C{silent} never ends (until cancelled); any other host's
    L{FakeService} answers. C{attempts} lists the host of every request.
    """

    def __init__(self, *hosts: str) -> None:
        self.services = {host: FakeService() for host in hosts}
        self.refusing: set[str] = set()
        self.resetting: set[str] = set()
        self.silent: set[str] = set()
        self.attempts: list[str] = []
        self._stub = StubTreq(_ByHost(self.services))

    def request(self, method: str, url: str, **kwargs: Any) -> defer.Deferred[Any]:
        host = urlsplit(url).netloc
        self.attempts.append(host)
        if host in self.refusing:
            return defer.fail(ConnectionRefusedError(host))
        if host in self.resetting:
            return defer.fail(ResponseNeverReceived([Failure(ConnectionLost())]))
        if host in self.silent:
            return defer.Deferred()
        d: defer.Deferred[Any] = self._stub.request(method, url, **kwargs)
        return d

    def served(self, host: str) -> int:
        return len(self.services[host].requests)


class FleetClient(RestClient):
    """A client of C{v1/fleet} with C{call(method, command, idempotent)}."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("v1/fleet", **kwargs)

    def call(self, method: str, command: str = "echo", idempotent: Optional[bool] = None) -> Any:
        return self._call(method, command, "cid", data=None if method == "GET" else {}, idempotent=idempotent)


def fleet_client(fleet: Any, clock: Optional[Clock] = None, uri: Optional[str] = None,
                 **options: Any) -> tuple[FleetClient, Clock, Any]:
    """An opened client of every host of C{fleet} (or of C{uri}), no jitter, with C{options.*}; and its counters."""
    clock = clock or Clock()
    client = with_reactor(FleetClient(http_client=fleet), clock)
    hosts = ",".join(f"http://{host}" for host in getattr(fleet, "services", {}))
    config = ConfigParams.from_tuples("connection.uri", uri or hosts, "options.retry_jitter", 0)
    for key, value in options.items():
        config[f"options.{key}"] = str(value)
    client.configure(config)
    references, _, counters = instrumentation(clock)
    client.set_references(references)
    opened = client.open(None)
    assert opened.called, "the client opens at once"
    opened.addErrback(lambda f: f.raiseException())
    return client, clock, counters
