# -*- test-case-name: tests.config.test_readers -*-
"""Config readers for memory, YAML and JSON files, with templating and parameters."""

from __future__ import annotations

import json
import os
from typing import Any, Mapping, Optional

import yaml
from twisted.internet.defer import Deferred, fail, succeed
from zope.interface import implementer

from ..errors import ApplicationException, ConfigException, FileException
from ._config_params import ConfigParams
from ._interfaces import IConfigReader, IConfigurable
from ._template import render_template


def parse_config_text(text: str, source: str, fmt: str) -> ConfigParams:
    """Parses rendered YAML or JSON; a syntax error names C{source} and the line."""
    try:
        if fmt == "json":
            value: Any = json.loads(text) if text.strip() else None
        else:
            value = yaml.safe_load(text)
    except json.JSONDecodeError as e:
        raise ConfigException(
            None, "BAD_CONFIG", f"{source}, line {e.lineno}: invalid JSON: {e.msg}"
        ).with_cause(e) from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(getattr(e, "problem", None) or e).split())  # one line, whatever PyYAML says
        raise ConfigException(
            None, "BAD_CONFIG", f"{source}{where}: invalid YAML: {problem}"
        ).with_cause(e) from e
    except RecursionError as e:
        raise ConfigException(None, "BAD_CONFIG", f"{source}: the document is nested too deeply") from e
    if value is None:
        return ConfigParams()
    if not isinstance(value, (list, dict)):
        raise ConfigException(
            None, "BAD_CONFIG", f"{source}: expected a list or map of components, got {type(value).__name__}"
        )
    try:
        return ConfigParams.from_value(value)
    except RecursionError as e:  # a YAML alias that contains itself (&a [*a])
        raise ConfigException(None, "BAD_CONFIG", f"{source}: the document refers to itself or nests too deeply") from e


def render_config_text(
    text: str, source: str, fmt: str, parameters: Optional[Mapping[str, Optional[str]]]
) -> ConfigParams:
    """Renders the template with C{parameters}, then parses it."""
    return parse_config_text(render_template(text, parameters or {}, source), source, fmt)


def read_config_file(
    path: str, parameters: Optional[Mapping[str, Optional[str]]] = None, fmt: Optional[str] = None
) -> ConfigParams:
    """Synchronously reads a YAML or JSON (by extension) config file."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise FileException(
            None, "READ_FAILED", f"{path}: cannot read the config file: {e.strerror or e}"
        ).with_details("path", path).with_cause(e) from e
    except UnicodeDecodeError as e:
        raise FileException(None, "READ_FAILED", f"{path}: the config file is not UTF-8 text").with_cause(e) from e
    if fmt is None:
        fmt = "json" if path.lower().endswith(".json") else "yaml"
    return render_config_text(text, path, fmt, parameters)


@implementer(IConfigReader, IConfigurable)
class MemoryConfigReader:
    """Returns a configuration held in memory (tests, embedded use)."""

    def __init__(self, config: Optional[Mapping[str, Any]] = None) -> None:
        self._config = ConfigParams(config)

    def configure(self, config: ConfigParams) -> None:
        self._config = ConfigParams(config)

    def read_config(
        self, correlation_id: Optional[str], parameters: Optional[ConfigParams]
    ) -> Deferred[ConfigParams]:
        return succeed(ConfigParams(self._config))


@implementer(IConfigReader, IConfigurable)
class FileConfigReader:
    """
    Reads a config file on each call. Configured by C{path} and by
    C{parameters.*}, which are defaults under the caller's parameters.
    """

    format: Optional[str] = None

    def __init__(self, path: Optional[str] = None) -> None:
        self.path = path
        self._parameters = ConfigParams()

    def configure(self, config: ConfigParams) -> None:
        self.path = config.get_as_string_with_default("path", self.path or "")
        self._parameters = config.get_section("parameters")

    def read_config(
        self, correlation_id: Optional[str], parameters: Optional[ConfigParams]
    ) -> Deferred[ConfigParams]:
        if not self.path:
            return fail(ConfigException(correlation_id, "NO_PATH", "Missing config file path"))
        try:
            merged = self._parameters.override(parameters)
            return succeed(read_config_file(self.path, merged, self.format))
        except ApplicationException as e:
            return fail(e.with_correlation_id(correlation_id))


class YamlConfigReader(FileConfigReader):
    """Reads a templated YAML config file."""

    format = "yaml"


class JsonConfigReader(FileConfigReader):
    """Reads a templated JSON config file."""

    format = "json"


def container_parameters(
    pairs: Optional[Mapping[str, Optional[str]]] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> ConfigParams:
    """Template parameters: C{-p} values overridden by the environment."""
    return ConfigParams(pairs).override(os.environ if environ is None else environ)
