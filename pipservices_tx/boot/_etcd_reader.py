# -*- test-case-name: tests.boot.test_etcd_reader -*-
"""EtcdConfigReader: a templated YAML or JSON container config kept under an etcd key."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import parse_qsl, unquote, urlsplit

from twisted.internet.defer import Deferred, ensureDeferred, fail
from zope.interface import implementer

from ..config import ConfigParams, IConfigReader, IConfigurable, mask_credentials, render_config_text
from ..discovery import EtcdClient, etcd_base_url
from ..errors import ApplicationException, ConfigException
from ..lifecycle import ReactorAware
from ._format import format_of


@implementer(IConfigReader, IConfigurable)
class EtcdConfigReader(ReactorAware):
    """
    Reads the value of C{key} through etcd's v3 JSON gateway on every
    C{read_config}. Format: C{format} if given, else the key's extension,
    else YAML. Config: C{connection.uri} (or host/port; default
    C{http://127.0.0.1:2379}), C{key}, C{format}, C{options.timeout}
    (milliseconds, default 10000), C{parameters.*}. A missing key is a
    ConfigException C{KEY_NOT_FOUND}; an unreachable etcd a ConnectionException.
    """

    def __init__(
        self,
        key: Optional[str] = None,
        base_url: str = "http://127.0.0.1:2379",
        fmt: Optional[str] = None,
        timeout: float = 10.0,
        http_client: Any = None,
    ) -> None:
        self.key = key
        self.base_url = base_url
        self.format = fmt
        self.timeout = timeout
        self._http_client = http_client
        self._parameters = ConfigParams()

    @classmethod
    def from_location(cls, location: str, **kwargs: Any) -> EtcdConfigReader:
        """
        C{etcd://host:port/key/path?format=json&timeout=5000}: the key is the
        path as written, leading slash included (C{/key/path}); C{etcds://}
        talks HTTPS.
        """
        parts = urlsplit(location)
        scheme = "https" if parts.scheme == "etcds" else "http"
        query = dict(parse_qsl(parts.query))
        reader = cls(
            unquote(parts.path) or None,
            f"{scheme}://{parts.netloc or '127.0.0.1:2379'}",
            query.get("format"),
            **kwargs,
        )
        if query.get("timeout", "").isdigit():
            reader.timeout = int(query["timeout"]) / 1000.0
        return reader

    def configure(self, config: ConfigParams) -> None:
        self.base_url = etcd_base_url(config, self.base_url)
        self.key = config.get_as_string_with_default("key", self.key or "") or None
        self.format = config.get_as_nullable_string("format") or self.format
        self.timeout = config.get_as_checked_timeout("options.timeout", int(self.timeout * 1000)) / 1000.0
        self._parameters = config.get_section("parameters")

    def read_config(
        self, correlation_id: Optional[str], parameters: Optional[ConfigParams]
    ) -> Deferred[ConfigParams]:
        if not self.key:
            return fail(ConfigException(correlation_id, "NO_KEY", "EtcdConfigReader needs a 'key'"))
        return ensureDeferred(self._read(correlation_id, self.key, self._parameters.override(parameters)))

    async def _read(self, correlation_id: Optional[str], key: str, parameters: ConfigParams) -> ConfigParams:
        client = EtcdClient(self.base_url, self.timeout, self._http_client)
        client.set_reactor(self.reactor)
        try:
            pairs = await client.get_range(correlation_id, key)
        finally:
            await client.close()
        source = f"etcd key {key} at {mask_credentials(self.base_url)}"
        if not pairs:
            raise ConfigException(correlation_id, "KEY_NOT_FOUND", f"{source}: no such key") \
                .with_details("key", key)
        fmt = (self.format or format_of(key)).lower()
        try:
            return render_config_text(pairs[0][1], source, "json" if fmt == "json" else "yaml", parameters)
        except ApplicationException as e:
            raise e.with_correlation_id(correlation_id) from e
