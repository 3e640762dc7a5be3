# -*- test-case-name: tests.infrastructure.test_http_discovery -*-
"""HttpDiscovery: service addresses registered in and resolved from the discovery service."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from twisted.internet.defer import Deferred, ensureDeferred, fail, succeed
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..discovery import ConnectionParams, IDiscovery
from ..errors import InvalidStateException
from ..lifecycle import IOpenable, ReactorAware
from ._clients import DiscoveryHttpClientV1


def _connection(value: Any) -> Optional[ConnectionParams]:
    return ConnectionParams(ConfigParams.from_value(value)) if isinstance(value, Mapping) and value else None


@implementer(IDiscovery, IConfigurable, IOpenable)
class HttpDiscovery(ReactorAware):
    """
    An IDiscovery whose registrations live in the discovery service
    (C{v1/discovery}), so every container of a fleet sees them: C{register}
    announces a connection under a key, C{resolve_one} and C{resolve_all}
    ask for the connections of a key, and C{unregister} (which
    C{NodeRegistry} calls on close) withdraws one. Configured with the
    service's own address: C{connection.uri} (or protocol, host and port; a
    discovery key cannot find the discovery service), C{credential.*},
    C{base_route} (default C{v1/discovery}), C{options.timeout} and
    C{options.connect_timeout} (ms). Put it before the components whose
    connections it resolves: they resolve them when they open. A call while
    the service is down fails with a ConnectionException.
    """

    def __init__(self) -> None:
        self._config = ConfigParams()
        self._client: Optional[DiscoveryHttpClientV1] = None

    def configure(self, config: ConfigParams) -> None:
        self._config = ConfigParams(config)

    def _create_client(self) -> DiscoveryHttpClientV1:
        """The client of the discovery service (a test may return one over StubTreq)."""
        client = DiscoveryHttpClientV1()
        client.set_reactor(self.reactor)
        return client

    def is_open(self) -> bool:
        return self._client is not None

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._client is not None:
            return
        client = self._create_client()
        client.configure(self._config)
        await client.open(correlation_id)
        self._client = client

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        client, self._client = self._client, None
        return client.close(correlation_id) if client is not None else succeed(None)

    def _open_client(self, correlation_id: Optional[str]) -> DiscoveryHttpClientV1:
        if self._client is None:
            raise InvalidStateException(correlation_id, "NOT_OPENED",
                                        "HttpDiscovery is not open: put it before the components it resolves for")
        return self._client

    def register(
        self, correlation_id: Optional[str], key: str, connection: ConnectionParams
    ) -> Deferred[ConnectionParams]:
        try:
            client = self._open_client(correlation_id)
        except InvalidStateException as e:
            return fail(e)
        d = client.register(correlation_id, key, connection)
        return d.addCallback(lambda result: _connection(result) or ConnectionParams(connection))

    def resolve_one(self, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConnectionParams]]:
        try:
            client = self._open_client(correlation_id)
        except InvalidStateException as e:
            return fail(e)
        return client.resolve_one(correlation_id, key).addCallback(_connection)

    def resolve_all(self, correlation_id: Optional[str], key: str) -> Deferred[list[ConnectionParams]]:
        try:
            client = self._open_client(correlation_id)
        except InvalidStateException as e:
            return fail(e)
        d = client.resolve_all(correlation_id, key)
        return d.addCallback(lambda items: [c for c in map(_connection, items or []) if c is not None])

    def unregister(self, correlation_id: Optional[str], key: str, connection: ConnectionParams) -> Deferred[None]:
        """Withdraws C{connection} from C{key} (the one with its C{instance_id}, else its address)."""
        try:
            client = self._open_client(correlation_id)
        except InvalidStateException as e:
            return fail(e)
        return client.unregister(correlation_id, key, connection).addCallback(lambda _: None)
