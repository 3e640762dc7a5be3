"""Configuration: ConfigParams, templated config readers and the IConfigurable contract."""

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

__all__ = [
    "ConfigParams",
    "MASK",
    "FileConfigReader",
    "IConfigReader",
    "IConfigurable",
    "IReconfigurable",
    "JsonConfigReader",
    "MemoryConfigReader",
    "YamlConfigReader",
    "container_parameters",
    "is_secret_key",
    "mask_credentials",
    "parameters_from_pairs",
    "parse_config_text",
    "read_config_file",
    "render_config_text",
    "render_template",
]
