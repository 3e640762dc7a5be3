# -*- test-case-name: tests.discovery.test_connection_resolver -*-
"""MemoryCredentialStore: credentials from the component's own config, held in memory."""

from __future__ import annotations

from typing import Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ._credential_params import CredentialParams
from ._interfaces import ICredentialStore

_NOT_KEYS = frozenset(("descriptor", "type"))


@implementer(ICredentialStore, IReconfigurable)
class MemoryCredentialStore:
    """Each top-level key is a store key: C{key: "username=a;password=b"} or a C{key.*} section."""

    def __init__(self, config: Optional[ConfigParams] = None) -> None:
        self._items: dict[str, CredentialParams] = {}
        if config is not None:
            self.configure(config)

    def configure(self, config: ConfigParams) -> None:
        for name in config.get_section_names():
            if name in _NOT_KEYS:
                continue
            section = config.get_section(name)
            if section:
                self._items[name] = CredentialParams(section)
            elif config.get(name):
                self._items[name] = CredentialParams.from_string(config.get(name))

    def store(
        self, correlation_id: Optional[str], key: str, credential: Optional[CredentialParams]
    ) -> Deferred[None]:
        if credential is None:
            self._items.pop(key, None)
        else:
            self._items[key] = CredentialParams(credential)
        return succeed(None)

    def lookup(self, correlation_id: Optional[str], key: str) -> Deferred[Optional[CredentialParams]]:
        found = self._items.get(key)
        return succeed(None if found is None else CredentialParams(found))
