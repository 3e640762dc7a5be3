# -*- test-case-name: tests.discovery.test_connection_resolver -*-
"""CredentialResolver: a component's credentials from config, or from a credential store."""

from __future__ import annotations

from typing import Optional

from twisted.internet.defer import Deferred, ensureDeferred
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ConfigException
from ..refer import Descriptor, IReferenceable, IReferences
from ._credential_params import CredentialParams
from ._interfaces import ICredentialStore

CREDENTIAL_STORE_LOCATOR = Descriptor(None, "credential-store", None, None, "1.0")


@implementer(IConfigurable, IReferenceable)
class CredentialResolver:
    """
    Reads C{credential.*} / C{credentials.N.*}. A credential with a
    C{store_key} is looked up in the C{*:credential-store:*:*:1.0}
    components (L{ICredentialStore}) in references; the first hit wins.
    """

    def __init__(
        self, config: Optional[ConfigParams] = None, references: Optional[IReferences] = None
    ) -> None:
        self._credentials: list[CredentialParams] = []
        self._references: Optional[IReferences] = None
        if config is not None:
            self.configure(config)
        if references is not None:
            self.set_references(references)

    def configure(self, config: ConfigParams) -> None:
        self._credentials.extend(CredentialParams.many_from_config(config))

    def set_references(self, references: IReferences) -> None:
        self._references = references

    def get_all(self) -> list[CredentialParams]:
        return list(self._credentials)

    def add(self, credential: CredentialParams) -> None:
        self._credentials.append(credential)

    async def _lookup(self, correlation_id: Optional[str], credential: CredentialParams) -> CredentialParams:
        key = credential.store_key or ""
        stores = [] if self._references is None else self._references.get_optional(CREDENTIAL_STORE_LOCATOR)
        stores = [s for s in stores if ICredentialStore.providedBy(s)]
        for store in stores:
            found = await store.lookup(correlation_id, key)
            if found is not None:
                return CredentialParams(credential.override(found))
        raise ConfigException(
            correlation_id, "CANNOT_RESOLVE",
            f"No credential store knows the key '{key}'" if stores
            else f"Credential with store key '{key}' needs a credential store, and none is configured",
        ).with_details("store_key", key)

    async def _resolve_all(self, correlation_id: Optional[str]) -> list[CredentialParams]:
        result = []
        for credential in self._credentials:
            if credential.use_credential_store():
                result.append(await self._lookup(correlation_id, credential))
            else:
                result.append(CredentialParams(credential))
        return result

    def resolve_all(self, correlation_id: Optional[str]) -> Deferred[list[CredentialParams]]:
        return ensureDeferred(self._resolve_all(correlation_id))

    async def _resolve_first(self, correlation_id: Optional[str]) -> Optional[CredentialParams]:
        if not self._credentials:
            return None
        credential = self._credentials[0]
        if credential.use_credential_store():
            return await self._lookup(correlation_id, credential)
        return CredentialParams(credential)

    def resolve(self, correlation_id: Optional[str]) -> Deferred[Optional[CredentialParams]]:
        """The first configured credential, resolved; None when there is none."""
        return ensureDeferred(self._resolve_first(correlation_id))
