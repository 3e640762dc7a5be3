# -*- test-case-name: tests.discovery.test_file_discovery -*-
"""FileDiscovery: service addresses in a JSON or YAML file that several containers share."""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Optional

import yaml
from twisted.internet.defer import Deferred, fail, succeed
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ApplicationException, ConfigException, FileException
from ._connection_params import ConnectionParams
from ._interfaces import IDiscovery


def _connection(value: Any, path: str, key: str) -> ConnectionParams:
    if isinstance(value, str):
        return ConnectionParams.from_string(value)
    if isinstance(value, dict):
        return ConnectionParams(ConfigParams.from_value(value))
    raise FileException(
        None, "BAD_FILE", f"{path}: the value of '{key}' is neither a connection string nor a map"
    ).with_details("path", path)


@implementer(IDiscovery, IConfigurable)
class FileDiscovery:
    """
    Configured by C{path} (C{.json}, else YAML). The file maps each key to a
    connection (a C{"host=a;port=1"} string or a map) or a list of them. It
    is read on every resolve, so registrations by other processes show up;
    C{register} rewrites it atomically (a temporary file, then a rename).
    """

    def __init__(self, path: Optional[str] = None) -> None:
        self.path = path

    def configure(self, config: ConfigParams) -> None:
        self.path = config.get_as_string_with_default("path", self.path or "") or None

    def _format(self) -> str:
        return "json" if (self.path or "").lower().endswith(".json") else "yaml"

    def _read(self, correlation_id: Optional[str]) -> dict[str, list[ConnectionParams]]:
        if not self.path:
            raise ConfigException(correlation_id, "NO_PATH", "FileDiscovery needs a 'path'")
        path = self.path
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except FileNotFoundError:
            return {}
        except OSError as e:
            raise FileException(
                correlation_id, "READ_FAILED", f"{path}: cannot read the discovery file: {e.strerror or e}"
            ).with_details("path", path).with_cause(e) from e
        try:
            data = json.loads(text) if self._format() == "json" else yaml.safe_load(text)
        except (ValueError, yaml.YAMLError) as e:
            raise FileException(
                correlation_id, "BAD_FILE", f"{path}: the discovery file is not valid {self._format().upper()}"
            ).with_details("path", path).with_cause(e) from e
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise FileException(correlation_id, "BAD_FILE", f"{path}: expected a map of keys to connections")
        result: dict[str, list[ConnectionParams]] = {}
        for key, value in data.items():
            values = value if isinstance(value, list) else [value]
            result[str(key)] = [_connection(v, path, str(key)) for v in values if v is not None]
        return result

    def _write(self, correlation_id: Optional[str], items: dict[str, list[ConnectionParams]]) -> None:
        path = self.path or ""
        data = {key: [dict(c) for c in connections] for key, connections in items.items()}
        text = json.dumps(data, indent=2) if self._format() == "json" else yaml.safe_dump(data, sort_keys=False)
        directory = os.path.dirname(os.path.abspath(path))
        try:
            fd, temp = tempfile.mkstemp(prefix=".discovery-", dir=directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(temp, path)
            except BaseException:
                os.unlink(temp)
                raise
        except OSError as e:
            raise FileException(
                correlation_id, "WRITE_FAILED", f"{path}: cannot write the discovery file: {e.strerror or e}"
            ).with_details("path", path).with_cause(e) from e

    def register(
        self, correlation_id: Optional[str], key: str, connection: ConnectionParams
    ) -> Deferred[ConnectionParams]:
        try:
            items = self._read(correlation_id)
            registered = ConnectionParams(connection)
            existing = items.setdefault(key, [])
            if registered not in existing:
                existing.append(registered)
            self._write(correlation_id, items)
            return succeed(registered)
        except ApplicationException as e:
            return fail(e)

    def resolve_all(self, correlation_id: Optional[str], key: str) -> Deferred[list[ConnectionParams]]:
        try:
            return succeed(self._read(correlation_id).get(key, []))
        except ApplicationException as e:
            return fail(e)

    def resolve_one(self, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConnectionParams]]:
        return self.resolve_all(correlation_id, key).addCallback(lambda found: found[0] if found else None)
