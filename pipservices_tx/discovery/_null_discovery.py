# -*- test-case-name: tests.discovery.test_null_discovery -*-
"""NullDiscovery: a discovery service that knows no key and keeps no registration."""

from __future__ import annotations

from typing import Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ._connection_params import ConnectionParams
from ._interfaces import IDiscovery


@implementer(IDiscovery)
class NullDiscovery:
    """
    C{register} answers with the connection and forgets it; C{resolve_one}
    finds nothing and C{resolve_all} an empty list. Where a config needs a
    discovery service to exist (a template switch) but none is wanted.
    """

    def register(
        self, correlation_id: Optional[str], key: str, connection: ConnectionParams
    ) -> Deferred[ConnectionParams]:
        return succeed(connection)

    def resolve_one(self, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConnectionParams]]:
        return succeed(None)

    def resolve_all(self, correlation_id: Optional[str], key: str) -> Deferred[list[ConnectionParams]]:
        return succeed([])
