# -*- test-case-name: tests.discovery.test_connection_resolver -*-
"""ConnectionResolver: a component's connections from config, through discovery when keyed."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred

from ..config import ConfigParams
from ..refer import Descriptor
from ._connection_params import ConnectionParams
from ._interfaces import IDiscovery
from ._keyed_resolver import KeyedResolver

DISCOVERY_LOCATOR = Descriptor(None, "discovery", None, None, "1.0")


class ConnectionResolver(KeyedResolver[ConnectionParams]):
    """
    Reads C{connection.*} / C{connections.N.*}. A connection with a
    C{discovery_key} is looked up in every C{*:discovery:*:*:1.0} component,
    in registration order; the first that knows the key wins, and its
    address overrides the configured parts. In L{resolve_all} a keyed
    connection gives every registration of its key, in every discovery
    service. L{register} announces connections for others to resolve.
    """

    params_class = ConnectionParams
    key_name = "discovery_key"
    locator = DISCOVERY_LOCATOR
    interface = IDiscovery
    no_provider = "Connection with discovery key '{key}' needs a discovery service, and none is configured"
    unknown_key = "No discovery service knows the key '{key}'"

    def _find(self, provider: Any, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConfigParams]]:
        return provider.resolve_one(correlation_id, key)  # type: ignore[no-any-return]

    async def _resolve_every(
        self, correlation_id: Optional[str], item: ConnectionParams, key: str
    ) -> list[ConnectionParams]:
        found: list[ConnectionParams] = []
        for discovery in self._providers(correlation_id, key):
            found.extend(await discovery.resolve_all(correlation_id, key))
        if not found:
            raise self._error(correlation_id, self.unknown_key, key)
        return [ConnectionParams(item.override(one)) for one in found]

    async def _register(self, correlation_id: Optional[str], connection: Optional[ConnectionParams]) -> None:
        connections = [connection] if connection is not None else self._items
        for item in connections:
            key = item.discovery_key
            if not key:
                continue
            announced = ConnectionParams({k: v for k, v in item.items() if k != "discovery_key"})
            for discovery in self._providers(correlation_id, key):
                await discovery.register(correlation_id, key, announced)

    def register(
        self, correlation_id: Optional[str], connection: Optional[ConnectionParams] = None
    ) -> Deferred[None]:
        """
        Announces C{connection} (default: every configured connection that has
        a C{discovery_key}) under its key in every discovery service, so that
        other containers can resolve it.
        """
        return ensureDeferred(self._register(correlation_id, connection))
