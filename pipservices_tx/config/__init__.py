"""Configuration: ConfigParams, templated config readers and the IConfigurable contract."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._checked import CheckedGetters, bad_config_value
    from ._config_params import ConfigParams, parameters_from_pairs
    from ._interfaces import IConfigReader, IConfigurable, IReconfigurable
    from ._mask import MASK, is_secret_key, mask_credentials
    from ._readers import (
        FileConfigReader,
        JsonConfigReader,
        MemoryConfigReader,
        YamlConfigReader,
        container_parameters,
        parse_config_text,
        read_config_file,
        render_config_text,
    )
    from ._template import render_template
    from ._value_rules import check_config_values

__all__ = [
    "CheckedGetters",
    "ConfigParams",
    "MASK",
    "FileConfigReader",
    "IConfigReader",
    "IConfigurable",
    "IReconfigurable",
    "JsonConfigReader",
    "MemoryConfigReader",
    "YamlConfigReader",
    "bad_config_value",
    "check_config_values",
    "container_parameters",
    "is_secret_key",
    "mask_credentials",
    "parameters_from_pairs",
    "parse_config_text",
    "read_config_file",
    "render_config_text",
    "render_template",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("CheckedGetters", "bad_config_value"):
        from . import _checked

        module = _checked
    elif name in ("ConfigParams", "parameters_from_pairs"):
        from . import _config_params

        module = _config_params
    elif name in ("IConfigReader", "IConfigurable", "IReconfigurable"):
        from . import _interfaces

        module = _interfaces
    elif name in ("MASK", "is_secret_key", "mask_credentials"):
        from . import _mask

        module = _mask
    elif name in (
        "FileConfigReader",
        "JsonConfigReader",
        "MemoryConfigReader",
        "YamlConfigReader",
        "container_parameters",
        "parse_config_text",
        "read_config_file",
        "render_config_text",
    ):
        from . import _readers

        module = _readers
    elif name == "render_template":
        from . import _template

        module = _template
    elif name == "check_config_values":
        from . import _value_rules

        module = _value_rules
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
