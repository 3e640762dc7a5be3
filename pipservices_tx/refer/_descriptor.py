# -*- test-case-name: tests.refer.test_descriptor -*-
"""Descriptor: the five-part locator that names and finds components."""

from __future__ import annotations

from typing import Any, Optional

from ..errors import ConfigException


def _part(value: Optional[str]) -> Optional[str]:
    return None if value in (None, "", "*") else value


class Descriptor:
    """
    C{group:type:kind:name:version}; C{*} (None) matches anything. C{match}
    compares with wildcards on either side; C{==} is exact.
    """

    __slots__ = ("group", "type", "kind", "name", "version")

    def __init__(
        self,
        group: Optional[str] = None,
        type: Optional[str] = None,  # noqa: A002 - the Pip.Services name
        kind: Optional[str] = None,
        name: Optional[str] = None,
        version: Optional[str] = None,
    ) -> None:
        self.group = _part(group)
        self.type = _part(type)
        self.kind = _part(kind)
        self.name = _part(name)
        self.version = _part(version)

    def _parts(self) -> tuple[Optional[str], ...]:
        return (self.group, self.type, self.kind, self.name, self.version)

    def match(self, other: Any) -> bool:
        """True when every part is equal or a wildcard on either side."""
        if not isinstance(other, Descriptor):
            return False
        # Spelled out: factories and references match every entry of a config against every registration.
        return (
            (self.group is None or other.group is None or self.group == other.group)
            and (self.type is None or other.type is None or self.type == other.type)
            and (self.kind is None or other.kind is None or self.kind == other.kind)
            and (self.name is None or other.name is None or self.name == other.name)
            and (self.version is None or other.version is None or self.version == other.version)
        )

    def exact_match(self, other: Any) -> bool:
        return isinstance(other, Descriptor) and self._parts() == other._parts()

    def is_complete(self) -> bool:
        """True when no part is a wildcard."""
        return all(part is not None for part in self._parts())

    def __eq__(self, other: object) -> bool:
        return self.exact_match(other)

    def __hash__(self) -> int:
        return hash(self._parts())

    def __str__(self) -> str:
        return ":".join(part or "*" for part in self._parts())

    def __repr__(self) -> str:
        return f"Descriptor('{self}')"

    @classmethod
    def from_string(cls, value: Optional[str]) -> Optional[Descriptor]:
        """Parses C{g:t:k:n:v}; None for empty; ConfigException C{BAD_DESCRIPTOR} otherwise."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise ConfigException(
                None, "BAD_DESCRIPTOR", f"Descriptor must be a string, got {type(value).__name__}"
            ).with_details("descriptor", repr(value))
        parts = value.strip().split(":")
        if len(parts) != 5:
            raise ConfigException(
                None, "BAD_DESCRIPTOR",
                f"Descriptor '{value}' is not in the format group:type:kind:name:version",
            ).with_details("descriptor", value)
        return cls(*(p.strip() for p in parts))

    @classmethod
    def parse(cls, value: str) -> Descriptor:
        """Like C{from_string}, but an empty value is an error too."""
        result = cls.from_string(value)
        if result is None:
            raise ConfigException(None, "BAD_DESCRIPTOR", "Descriptor is empty")
        return result
