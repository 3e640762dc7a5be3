# -*- test-case-name: tests.discovery.test_connection_resolver -*-
"""CredentialResolver: a component's credentials from config, or from a credential store."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred

from ..config import ConfigParams
from ..refer import Descriptor
from ._credential_params import CredentialParams
from ._interfaces import ICredentialStore
from ._keyed_resolver import KeyedResolver

CREDENTIAL_STORE_LOCATOR = Descriptor(None, "credential-store", None, None, "1.0")


class CredentialResolver(KeyedResolver[CredentialParams]):
    """
    Reads C{credential.*} / C{credentials.N.*}. A credential with a
    C{store_key} is looked up in the C{*:credential-store:*:*:1.0}
    components (L{ICredentialStore}) in references; the first hit wins.
    """

    params_class = CredentialParams
    key_name = "store_key"
    locator = CREDENTIAL_STORE_LOCATOR
    interface = ICredentialStore
    no_provider = "Credential with store key '{key}' needs a credential store, and none is configured"
    unknown_key = "No credential store knows the key '{key}'"

    def _find(self, provider: Any, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConfigParams]]:
        return provider.lookup(correlation_id, key)  # type: ignore[no-any-return]
