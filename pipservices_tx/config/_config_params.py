# -*- test-case-name: tests.config.test_config_params -*-
"""ConfigParams: a component's configuration as a flat map of dot-separated keys."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

from ..portability import StringConverter, TypedGetters
from ._checked import CheckedGetters


def _flatten(prefix: str, value: Any, out: dict[str, Optional[str]]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), item, out)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _flatten(f"{prefix}.{index}" if prefix else str(index), item, out)
    elif prefix:
        out[prefix] = None if value is None else StringConverter.to_string(value)


class ConfigParams(dict[str, Optional[str]], TypedGetters, CheckedGetters):
    """
    Keys such as C{connection.port} and C{items.0.id}; values are strings
    (or None) converted on the way out by typed getters that never raise,
    or by checked getters (L{CheckedGetters}) that name a key set to a
    value they cannot use.
    """

    def _value_at(self, key: Any) -> Optional[str]:
        """What the typed getters (C{get_as_integer}...) convert: the value, or None."""
        return self.get(key)

    def __init__(self, values: Optional[Mapping[str, Any]] = None) -> None:
        super().__init__()
        if values:
            for key, value in values.items():
                self[str(key)] = None if value is None else StringConverter.to_string(value)

    # -- construction ---------------------------------------------------------

    @classmethod
    def from_tuples(cls, *tuples: Any) -> ConfigParams:
        """C{from_tuples("a", 1, "b.c", "x")}: keys and values alternating."""
        result = cls()
        for index in range(0, len(tuples) - 1, 2):
            value = tuples[index + 1]
            result[str(tuples[index])] = None if value is None else StringConverter.to_string(value)
        return result

    @classmethod
    def from_string(cls, line: Optional[str]) -> ConfigParams:
        """Parses C{"a=1;b.c=2"}; a key without C{=} gets an empty value."""
        result = cls()
        for part in (line or "").split(";"):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            result[key.strip()] = value.strip() if sep else ""
        return result

    @classmethod
    def from_value(cls, value: Any) -> ConfigParams:
        """Flattens nested maps and lists: C{{"a": {"b": [1]}}} gives C{a.b.0=1}."""
        if isinstance(value, ConfigParams):
            return cls(value)
        out: dict[str, Optional[str]] = {}
        _flatten("", value, out)
        result = cls()
        result.update(out)
        return result

    @classmethod
    def merge_configs(cls, *configs: Optional[Mapping[str, Any]]) -> ConfigParams:
        """Later maps override earlier ones."""
        result = cls()
        for config in configs:
            if config:
                result.update(cls(config))
        return result

    # -- sections -------------------------------------------------------------

    def get_section_names(self) -> list[str]:
        """First parts of the dotted keys, in the order they first appear."""
        names: dict[str, None] = {}
        for key in self:
            names.setdefault(key.split(".", 1)[0], None)
        return list(names)

    def get_section(self, section: str) -> ConfigParams:
        """The keys under C{section.}, with that prefix removed."""
        prefix = section + "."
        result = ConfigParams()
        for key, value in self.items():
            if key.startswith(prefix) and len(key) > len(prefix):
                result[key[len(prefix):]] = value
        return result

    def add_section(self, section: str, section_params: Mapping[str, Any]) -> None:
        """
        Puts C{section_params} under C{section.} (at top level when C{section}
        is empty); nested maps and lists are flattened as in L{from_value}.
        """
        for key, value in ConfigParams.from_value(section_params).items():
            self[f"{section}.{key}" if section else key] = value

    def override(self, config_params: Optional[Mapping[str, Any]]) -> ConfigParams:
        """A new map: these values, overridden by C{config_params}."""
        return ConfigParams.merge_configs(self, config_params)

    def set_defaults(self, default_config_params: Optional[Mapping[str, Any]]) -> ConfigParams:
        """A new map: C{default_config_params}, overridden by these values."""
        return ConfigParams.merge_configs(default_config_params, self)

    # -- typed getters --------------------------------------------------------

    def get_as_object(self, key: Optional[str] = None) -> Any:
        """
        Rebuilds nested values from the flat keys under C{key} (all keys when
        None): maps whose keys are 0..n-1 become lists. Values stay strings;
        a missing C{key} gives None.
        """
        source = self if not key else self.get_section(key)
        if key and not source:
            return self.get(key)
        root: dict[str, Any] = {}
        for path, value in source.items():
            node = root
            parts = path.split(".")
            for part in parts[:-1]:
                child = node.get(part)
                if not isinstance(child, dict):
                    child = node[part] = {}
                node = child
            node[parts[-1]] = value
        return _lists_from_indexed_maps(root)

    def __str__(self) -> str:
        return ";".join(f"{key}={'' if value is None else value}" for key, value in self.items())


def _lists_from_indexed_maps(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    converted = {key: _lists_from_indexed_maps(item) for key, item in value.items()}
    keys = list(converted)
    if keys and all(key.isdigit() for key in keys) and sorted(int(k) for k in keys) == list(range(len(keys))):
        return [converted[str(index)] for index in range(len(keys))]
    return converted


def parameters_from_pairs(pairs: Iterable[str]) -> ConfigParams:
    """C{-p} option values: each C{KEY=VALUE} or C{k1=v1;k2=v2}."""
    result = ConfigParams()
    for pair in pairs:
        result.update(ConfigParams.from_string(pair))
    return result
