# -*- test-case-name: tests.discovery.test_connection_resolver -*-
"""KeyedResolver: parameters from config, the keyed ones completed by a component found in references."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, Optional, TypeVar

from twisted.internet.defer import Deferred, ensureDeferred
from zope.interface import implementer
from zope.interface.interface import InterfaceClass

from ..config import ConfigParams, IConfigurable
from ..errors import ConfigException
from ..refer import Descriptor, IReferenceable, IReferences

P = TypeVar("P", bound=ConfigParams)


@implementer(IConfigurable, IReferenceable)
class KeyedResolver(Generic[P]):
    """
    What L{ConnectionResolver} and L{CredentialResolver} share. C{configure}
    reads a list of parameters from a component's config (C{many_from_config}
    of C{params_class}); one that holds C{key_name} is not usable as it is:
    resolving it asks the components of references that match C{locator} and
    provide C{interface}, in registration order, and the first that knows
    the key wins; what it knows overrides the configured values. A key that
    no such component knows, or that there is no such component to ask, is
    a ConfigException C{CANNOT_RESOLVE} whose details name the key.

    A subclass sets the class attributes and L{_find}; it may widen
    L{_resolve_every} (a key that stands for several addresses).
    """

    params_class: ClassVar[Any]
    key_name: ClassVar[str]
    locator: ClassVar[Descriptor]
    interface: ClassVar[InterfaceClass]
    #: The messages of the two errors; C{{key}} is replaced by the key.
    no_provider: ClassVar[str]
    unknown_key: ClassVar[str]

    def __init__(self, config: Optional[ConfigParams] = None, references: Optional[IReferences] = None) -> None:
        self._items: list[P] = []
        self._references: Optional[IReferences] = None
        if config is not None:
            self.configure(config)
        if references is not None:
            self.set_references(references)

    def configure(self, config: ConfigParams) -> None:
        """Adds the parameters that C{config} holds to those read before."""
        self._items.extend(self.params_class.many_from_config(config))

    def set_references(self, references: IReferences) -> None:
        self._references = references

    def get_all(self) -> list[P]:
        """The configured parameters, unresolved."""
        return list(self._items)

    def add(self, item: P) -> None:
        self._items.append(item)

    def resolve(self, correlation_id: Optional[str]) -> Deferred[Optional[P]]:
        """The first configured parameters, resolved; None when there are none."""
        return ensureDeferred(self._resolve_first(correlation_id))

    def resolve_all(self, correlation_id: Optional[str]) -> Deferred[list[P]]:
        """All configured parameters, resolved."""
        return ensureDeferred(self._resolve_all(correlation_id))

    # -- for subclasses -----------------------------------------------------------

    def _find(self, provider: Any, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConfigParams]]:
        """What C{provider} knows under C{key}, or None."""
        raise NotImplementedError

    async def _resolve_every(self, correlation_id: Optional[str], item: P, key: str) -> list[P]:
        """What a keyed item stands for in L{resolve_all}: by default the one L{resolve} gives."""
        return [await self._resolve_keyed(correlation_id, item, key)]

    def _key(self, item: ConfigParams) -> Optional[str]:
        """The item's key, None when it is used as configured."""
        return item.get_as_nullable_string(self.key_name) or None

    def _providers(self, correlation_id: Optional[str], key: str) -> list[Any]:
        """The components to ask about C{key}; a ConfigException when there are none."""
        found = [] if self._references is None else self._references.get_optional(self.locator)
        found = [provider for provider in found if self.interface.providedBy(provider)]
        if not found:
            raise self._error(correlation_id, self.no_provider, key)
        return found

    def _error(self, correlation_id: Optional[str], message: str, key: str) -> ConfigException:
        error = ConfigException(correlation_id, "CANNOT_RESOLVE", message.format(key=key))
        error.with_details(self.key_name, key)
        return error

    async def _resolve_keyed(self, correlation_id: Optional[str], item: P, key: str) -> P:
        for provider in self._providers(correlation_id, key):
            found = await self._find(provider, correlation_id, key)
            if found is not None:
                return self.params_class(item.override(found))
        raise self._error(correlation_id, self.unknown_key, key)

    async def _resolve_first(self, correlation_id: Optional[str]) -> Optional[P]:
        if not self._items:
            return None
        item = self._items[0]
        key = self._key(item)
        if key is None:
            return self.params_class(item)
        return await self._resolve_keyed(correlation_id, item, key)

    async def _resolve_all(self, correlation_id: Optional[str]) -> list[P]:
        result: list[P] = []
        for item in self._items:
            key = self._key(item)
            if key is None:
                result.append(self.params_class(item))
            else:
                result.extend(await self._resolve_every(correlation_id, item, key))
        return result
