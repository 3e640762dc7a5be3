# -*- test-case-name: tests.discovery.test_memory_discovery -*-
"""MemoryDiscovery: service addresses from the component's own config, held in memory."""

from __future__ import annotations

from typing import Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ._connection_params import ConnectionParams
from ._interfaces import IDiscovery

_NOT_KEYS = frozenset(("descriptor", "type"))


def connections_from_config(config: ConfigParams) -> list[tuple[str, ConnectionParams]]:
    """
    Each top-level key is a discovery key: C{key: "host=a;port=1"} or a
    section C{key.host}, C{key.port}... (C{descriptor} and C{type} excepted).
    """
    items: list[tuple[str, ConnectionParams]] = []
    for name in config.get_section_names():
        if name in _NOT_KEYS:
            continue
        section = config.get_section(name)
        if section:
            items.append((name, ConnectionParams(section)))
        elif config.get(name):
            items.append((name, ConnectionParams.from_string(config.get(name))))
    return items


@implementer(IDiscovery, IReconfigurable)
class MemoryDiscovery:
    """Answers from config and from C{register} calls; nothing leaves the process."""

    def __init__(self, config: Optional[ConfigParams] = None) -> None:
        self._items: list[tuple[str, ConnectionParams]] = []
        if config is not None:
            self.configure(config)

    def configure(self, config: ConfigParams) -> None:
        self._items.extend(connections_from_config(config))

    def register(
        self, correlation_id: Optional[str], key: str, connection: ConnectionParams
    ) -> Deferred[ConnectionParams]:
        registered = ConnectionParams(connection)
        self._items.append((key, registered))
        return succeed(registered)

    def unregister(self, correlation_id: Optional[str], key: str, connection: ConnectionParams) -> Deferred[None]:
        """Removes what C{register} put under C{key} for C{connection} (nothing when it is not there)."""
        self._items = [(k, c) for k, c in self._items if k != key or c != connection]
        return succeed(None)

    def resolve_one(self, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConnectionParams]]:
        for item_key, connection in self._items:
            if item_key == key:
                return succeed(ConnectionParams(connection))
        return succeed(None)

    def resolve_all(self, correlation_id: Optional[str], key: str) -> Deferred[list[ConnectionParams]]:
        return succeed([ConnectionParams(c) for k, c in self._items if k == key])
