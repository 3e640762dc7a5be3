# -*- test-case-name: tests.discovery.test_connection_resolver -*-
"""ConnectionResolver: a component's connections from config, through discovery when keyed."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ConfigException
from ..refer import Descriptor, IReferenceable, IReferences
from ._connection_params import ConnectionParams
from ._interfaces import IDiscovery

DISCOVERY_LOCATOR = Descriptor(None, "discovery", None, None, "1.0")


@implementer(IConfigurable, IReferenceable)
class ConnectionResolver:
    """
    Reads C{connection.*} / C{connections.N.*}. A connection with a
    C{discovery_key} is looked up in every C{*:discovery:*:*:1.0} component,
    in registration order; the first that knows the key wins, and its
    address overrides the configured parts.
    """

    def __init__(
        self, config: Optional[ConfigParams] = None, references: Optional[IReferences] = None
    ) -> None:
        self._connections: list[ConnectionParams] = []
        self._references: Optional[IReferences] = None
        if config is not None:
            self.configure(config)
        if references is not None:
            self.set_references(references)

    def configure(self, config: ConfigParams) -> None:
        self._connections.extend(ConnectionParams.many_from_config(config))

    def set_references(self, references: IReferences) -> None:
        self._references = references

    def get_all(self) -> list[ConnectionParams]:
        """The configured connections, unresolved."""
        return list(self._connections)

    def add(self, connection: ConnectionParams) -> None:
        self._connections.append(connection)

    def _discoveries(self, correlation_id: Optional[str], key: str) -> list[Any]:
        found = [] if self._references is None else self._references.get_optional(DISCOVERY_LOCATOR)
        found = [d for d in found if IDiscovery.providedBy(d)]
        if not found:
            raise ConfigException(
                correlation_id, "CANNOT_RESOLVE",
                f"Connection with discovery key '{key}' needs a discovery service, and none is configured",
            ).with_details("discovery_key", key)
        return found

    @staticmethod
    def _not_found(correlation_id: Optional[str], key: str) -> ConfigException:
        error = ConfigException(correlation_id, "CANNOT_RESOLVE", f"No discovery service knows the key '{key}'")
        error.with_details("discovery_key", key)
        return error

    async def _resolve_one(self, correlation_id: Optional[str], connection: ConnectionParams) -> ConnectionParams:
        key = connection.discovery_key or ""
        for discovery in self._discoveries(correlation_id, key):
            found = await discovery.resolve_one(correlation_id, key)
            if found is not None:
                return ConnectionParams(connection.override(found))
        raise self._not_found(correlation_id, key)

    async def _resolve_first(self, correlation_id: Optional[str]) -> Optional[ConnectionParams]:
        if not self._connections:
            return None
        connection = self._connections[0]
        if not connection.use_discovery():
            return ConnectionParams(connection)
        return await self._resolve_one(correlation_id, connection)

    def resolve(self, correlation_id: Optional[str]) -> Deferred[Optional[ConnectionParams]]:
        """
        The first configured connection, resolved; None when there is none;
        a ConfigException C{CANNOT_RESOLVE} when its key is unknown.
        """
        return ensureDeferred(self._resolve_first(correlation_id))

    async def _resolve_all(self, correlation_id: Optional[str]) -> list[ConnectionParams]:
        result: list[ConnectionParams] = []
        for connection in self._connections:
            if not connection.use_discovery():
                result.append(ConnectionParams(connection))
                continue
            key = connection.discovery_key or ""
            found: list[ConnectionParams] = []
            for discovery in self._discoveries(correlation_id, key):
                found.extend(await discovery.resolve_all(correlation_id, key))
            if not found:
                raise self._not_found(correlation_id, key)
            result.extend(ConnectionParams(connection.override(item)) for item in found)
        return result

    def resolve_all(self, correlation_id: Optional[str]) -> Deferred[list[ConnectionParams]]:
        """Every configured connection; a keyed one gives every registration of its key."""
        return ensureDeferred(self._resolve_all(correlation_id))

    async def _register(self, correlation_id: Optional[str], connection: Optional[ConnectionParams]) -> None:
        connections = [connection] if connection is not None else self._connections
        for item in connections:
            key = item.discovery_key
            if not key:
                continue
            announced = ConnectionParams({k: v for k, v in item.items() if k != "discovery_key"})
            for discovery in self._discoveries(correlation_id, key):
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
