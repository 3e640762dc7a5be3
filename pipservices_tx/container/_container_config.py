# -*- test-case-name: tests.container.test_container_config -*-
"""The parsed container config: one ComponentConfig per entry, in file order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..config import ConfigParams
from ..errors import ApplicationException, ConfigException
from ..refer import Descriptor


@dataclass
class ComponentConfig:
    """One entry: how to create it (C{descriptor} or C{type}) and its settings."""

    index: int
    descriptor: Optional[Descriptor]
    type: Optional[str]
    config: ConfigParams
    source: str = "<config>"

    @property
    def label(self) -> str:
        """How messages name this entry: C{config.yml, entry 2 (descriptor 'a:b:c:d:1.0')}."""
        what = f"descriptor '{self.descriptor}'" if self.descriptor else f"type '{self.type}'"
        return f"{self.source}, entry {self.index + 1} ({what})"

    @property
    def locator(self) -> object:
        return self.descriptor if self.descriptor is not None else self.type


def _entry_error(source: str, index: int, message: str, cause: Optional[BaseException] = None) -> ConfigException:
    error = ConfigException(None, "BAD_CONFIG", f"{source}, entry {index + 1}: {message}")
    if cause is not None:
        error.with_cause(cause)
    return error


def parse_container_config(config: ConfigParams, source: str = "<config>") -> list[ComponentConfig]:
    """Reads a list (or map) of entries; each needs a C{descriptor} or a C{type}."""
    entries: list[ComponentConfig] = []
    for index, section_name in enumerate(config.get_section_names()):
        section = config.get_section(section_name)
        if not section:
            raise _entry_error(source, index, "expected a map with 'descriptor' or 'type'")
        raw_descriptor = section.get_as_nullable_string("descriptor")
        type_name = section.get_as_nullable_string("type") or None
        try:
            descriptor = Descriptor.from_string(raw_descriptor)
        except ApplicationException as e:
            raise _entry_error(source, index, e.message, e) from e
        if descriptor is None and not type_name:
            raise _entry_error(source, index, "has neither 'descriptor' nor 'type'")
        if descriptor is not None and type_name is None and not descriptor.is_complete():
            raise _entry_error(
                source, index, f"descriptor '{descriptor}' has wildcards; a component needs all five parts"
            )
        entries.append(ComponentConfig(index, descriptor, type_name, section, source))
    return entries
