"""Configuration: ConfigParams, templated config readers and the IConfigurable contract."""

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
