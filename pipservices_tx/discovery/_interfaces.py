"""The discovery and credential store contracts connection resolvers look up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from zope.interface import Interface

if TYPE_CHECKING:
    from twisted.internet.defer import Deferred

    from ._connection_params import ConnectionParams
    from ._credential_params import CredentialParams


class IDiscovery(Interface):
    """A registry of service addresses under logical keys (C{discovery_key})."""

    def register(
        correlation_id: Optional[str], key: str, connection: ConnectionParams
    ) -> Deferred[ConnectionParams]:
        """Announces C{connection} under C{key}; fires with what was registered."""

    def resolve_one(correlation_id: Optional[str], key: str) -> Deferred[Optional[ConnectionParams]]:
        """Fires with one connection registered under C{key}, or None."""

    def resolve_all(correlation_id: Optional[str], key: str) -> Deferred[list[ConnectionParams]]:
        """Fires with every connection registered under C{key} (maybe none)."""


class ICredentialStore(Interface):
    """A store of credentials under keys (C{store_key})."""

    def store(
        correlation_id: Optional[str], key: str, credential: Optional[CredentialParams]
    ) -> Deferred[None]:
        """Keeps C{credential} under C{key}; None removes it."""

    def lookup(correlation_id: Optional[str], key: str) -> Deferred[Optional[CredentialParams]]:
        """Fires with the credential under C{key}, or None."""
