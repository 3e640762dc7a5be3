# -*- test-case-name: tests.refer.test_dependency_resolver -*-
"""DependencyResolver: named dependencies whose locators config can override."""

from __future__ import annotations

from typing import Any, Optional

from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ReferenceException
from ._descriptor import Descriptor
from ._interfaces import IReferenceable, IReferences


@implementer(IConfigurable, IReferenceable)
class DependencyResolver:
    """
    A component declares C{put("persistence", Descriptor(...))} in code; a user
    overrides it with C{dependencies.persistence: "g:t:k:n:v"} in config.yml.

    A locator without colons is a plain name (C{dependencies.db: my-db}): it
    finds the components put under that very name and, when there are none,
    the components registered under a descriptor named so
    (C{beacons:persistence:postgres:my-db:1.0}; a wildcard name is no match).
    """

    def __init__(
        self, config: Optional[ConfigParams] = None, references: Optional[IReferences] = None
    ) -> None:
        self._dependencies: dict[str, Any] = {}
        self._references: Optional[IReferences] = references
        if config is not None:
            self.configure(config)

    @classmethod
    def from_tuples(cls, *tuples: Any) -> DependencyResolver:
        resolver = cls()
        for index in range(0, len(tuples) - 1, 2):
            resolver.put(str(tuples[index]), tuples[index + 1])
        return resolver

    def configure(self, config: ConfigParams) -> None:
        for name, value in config.get_section("dependencies").items():
            if value and value.strip():
                self._dependencies[name] = Descriptor.from_string(value) if ":" in value else value.strip()

    def put(self, name: str, locator: Any) -> None:
        self._dependencies[name] = locator

    def set_references(self, references: IReferences) -> None:
        self._references = references

    def _locate(self, name: str) -> Any:
        if not name:
            raise ValueError("Dependency name cannot be empty")
        return self._dependencies.get(name, name)

    def find(self, name: str, required: bool) -> list[Any]:
        locator = self._locate(name)
        if self._references is None:
            if required:
                raise ReferenceException(None, locator)
            return []
        if isinstance(locator, str) and name in self._dependencies:
            found = self._references.find(locator, False) or self._named(locator)
            if required and not found:
                raise ReferenceException(None, locator)
            return found
        return self._references.find(locator, required)

    def _named(self, name: str) -> list[Any]:
        """The components registered under a descriptor whose name is exactly C{name} (not a wildcard)."""
        assert self._references is not None
        pairs = zip(self._references.get_all_locators(), self._references.get_all(), strict=False)
        return [component for locator, component in pairs if isinstance(locator, Descriptor) and locator.name == name]

    def get_optional(self, name: str) -> list[Any]:
        return self.find(name, False)

    def get_required(self, name: str) -> list[Any]:
        return self.find(name, True)

    def get_one_optional(self, name: str) -> Any:
        found = self.find(name, False)
        return found[-1] if found else None

    def get_one_required(self, name: str) -> Any:
        return self.find(name, True)[-1]
