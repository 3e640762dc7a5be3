# -*- test-case-name: tests.boot.test_settings_reader -*-
"""SettingsConfigReader: a container config kept as a section of the settings service."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import parse_qsl, unquote, urlsplit

from twisted.internet.defer import Deferred, ensureDeferred, fail
from zope.interface import implementer

from ..config import ConfigParams, IConfigReader, IConfigurable, mask_credentials, render_config_text
from ..errors import ApplicationException, ConfigException, annotate_error
from ..infrastructure import SettingsHttpClientV1
from ..lifecycle import ReactorAware
from ._format import format_of


@implementer(IConfigReader, IConfigurable)
class SettingsConfigReader(ReactorAware):
    """
    Reads section C{section} of the settings service (C{get_section_by_id}
    of C{v1/settings}) on every C{read_config}. When the section has a
    parameter C{key} (default C{config}), its value is the config file's
    text: rendered as a template with the parameters, then parsed as
    C{format} (default: by the section id's extension, else YAML). Without
    it, the section's parameters are the config itself, already flat
    (C{0.descriptor}, C{0.name}, ...). A missing or empty section is a
    ConfigException C{KEY_NOT_FOUND}; an unreachable service a
    ConnectionException; both name the section and the service.

    Config: C{connection.*} of the settings service (C{uri}, or protocol,
    host and port), C{credential.*}, C{base_route} (default C{v1/settings}),
    C{section}, C{key}, C{format}, C{options.timeout} (ms, default 10000),
    C{parameters.*} (template defaults under the caller's parameters).
    """

    def __init__(self) -> None:
        self.section: Optional[str] = None
        self.key = "config"
        self.format: Optional[str] = None
        self._client_config = ConfigParams({"options.timeout": "10000"})
        self._parameters = ConfigParams()

    @classmethod
    def from_location(cls, location: str, reactor: Any = None, **_: Any) -> SettingsConfigReader:
        """
        C{settings://host:port/section?key=config&format=yaml&timeout=5000&route=v1/settings}:
        the section id is the path without its leading slash; C{settingss://} talks HTTPS.
        """
        parts = urlsplit(location)
        query = dict(parse_qsl(parts.query))
        scheme = "https" if parts.scheme.lower() == "settingss" else "http"
        reader = cls()
        if reactor is not None:
            reader.set_reactor(reactor)
        values = {
            "connection.uri": f"{scheme}://{parts.netloc or '127.0.0.1:8090'}",
            "section": unquote(parts.path.lstrip("/")),
            "key": query.get("key"),
            "format": query.get("format"),
            "base_route": query.get("route"),
            "options.timeout": query.get("timeout"),
        }
        reader.configure(ConfigParams({k: v for k, v in values.items() if v}))
        return reader

    def configure(self, config: ConfigParams) -> None:
        self.section = config.get_as_nullable_string("section") or self.section
        self.key = config.get_as_string_with_default("key", self.key) or self.key
        self.format = config.get_as_nullable_string("format") or self.format
        timeout = config.get_as_checked_timeout("options.timeout", 10000)
        self._client_config = config.override({"options.timeout": str(timeout)})
        self._parameters = config.get_section("parameters")

    def read_config(
        self, correlation_id: Optional[str], parameters: Optional[ConfigParams]
    ) -> Deferred[ConfigParams]:
        if not self.section:
            return fail(ConfigException(correlation_id, "NO_SECTION", "SettingsConfigReader needs a 'section'"))
        return ensureDeferred(self._read(correlation_id, self.section, self._parameters.override(parameters)))

    async def _read(self, correlation_id: Optional[str], section: str, parameters: ConfigParams) -> ConfigParams:
        client = SettingsHttpClientV1()
        client.set_reactor(self.reactor)
        client.configure(self._client_config)
        where = f"settings section {section!r}"
        try:
            await client.open(correlation_id)
            where += f" at {mask_credentials(client.base_url or '')}"
            values = await client.get_section_by_id(correlation_id, section)
        except ApplicationException as e:
            raise annotate_error(e, where) from e
        finally:
            await client.close(correlation_id)
        if not isinstance(values, dict) or not values:
            raise ConfigException(correlation_id, "KEY_NOT_FOUND", f"{where}: no such section, or it is empty") \
                .with_details("section", section)
        text = values.get(self.key)
        if text is None:
            return ConfigParams(values)
        fmt = (self.format or format_of(section)).lower()
        try:
            return render_config_text(str(text), where, "json" if fmt == "json" else "yaml", parameters)
        except ApplicationException as e:
            raise e.with_correlation_id(correlation_id) from e
