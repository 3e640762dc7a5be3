# -*- test-case-name: tests.boot.test_http_reader -*-
"""HttpConfigReader: a templated YAML or JSON container config fetched over HTTP(S)."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import unquote, urlsplit, urlunsplit

from twisted.internet.defer import CancelledError, Deferred, TimeoutError, ensureDeferred, fail
from twisted.internet.error import ConnectError, DNSLookupError
from zope.interface import implementer

from ..config import ConfigParams, IConfigReader, IConfigurable, mask_credentials, render_config_text
from ..discovery import ConnectionParams
from ..errors import ApplicationException, ConfigException, ConnectionException
from ..lifecycle import ReactorAware
from ._format import format_of


@implementer(IConfigReader, IConfigurable)
class HttpConfigReader(ReactorAware):
    """
    GETs C{url} on every C{read_config}; the format comes from the
    Content-Type (C{application/json}, C{application/yaml}...), else from the
    URL's extension, else YAML. Config: C{url} (or C{connection.uri}),
    C{options.timeout} (milliseconds, default 10000), C{parameters.*}
    (template defaults under the caller's parameters). A 4xx answer is a
    ConfigException, a 5xx answer, a refused connection or a timeout a
    ConnectionException; each names the URL (with any password masked).
    User info in the URL (C{https://user:pass@host/...}) is sent as basic auth.
    """

    def __init__(
        self,
        url: Optional[str] = None,
        timeout: float = 10.0,
        http_client: Any = None,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self._http_client = http_client
        self._parameters = ConfigParams()

    def configure(self, config: ConfigParams) -> None:
        connection = ConnectionParams.from_config(config)
        self.url = config.get_as_nullable_string("url") or (connection.uri if connection else None) or self.url
        self.timeout = config.get_as_checked_timeout("options.timeout", int(self.timeout * 1000)) / 1000.0
        self._parameters = config.get_section("parameters")

    def read_config(
        self, correlation_id: Optional[str], parameters: Optional[ConfigParams]
    ) -> Deferred[ConfigParams]:
        if not self.url:
            return fail(ConfigException(correlation_id, "NO_URL", "HttpConfigReader needs a 'url'"))
        return ensureDeferred(self._read(correlation_id, self.url, self._parameters.override(parameters)))

    async def _read(self, correlation_id: Optional[str], url: str, parameters: ConfigParams) -> ConfigParams:
        from twisted.web.client import ResponseFailed  # here: the web client imports OpenSSL

        where = str(mask_credentials(url))
        pool = None
        client = self._http_client
        if client is None:
            from treq.client import HTTPClient
            from twisted.web.client import Agent, HTTPConnectionPool

            pool = HTTPConnectionPool(self.reactor, persistent=True)
            client = HTTPClient(Agent(self.reactor, pool=pool))
        try:
            status, content_type, body = await self._fetch(client, url)
        except ApplicationException:
            raise
        except (TimeoutError, CancelledError) as e:
            raise ConnectionException(
                correlation_id, "TIMEOUT", f"{where}: no answer within {self.timeout:g} s"
            ).with_details("url", where).with_cause(e) from e
        except (ConnectError, DNSLookupError, ResponseFailed, ConnectionError) as e:
            raise ConnectionException(
                correlation_id, "CANNOT_CONNECT", f"{where}: cannot fetch the config: {e}"
            ).with_details("url", where).with_cause(e) from e
        except Exception as e:
            raise ConnectionException(
                correlation_id, "READ_FAILED", f"{where}: cannot fetch the config: {e}"
            ).with_details("url", where).with_cause(e) from e
        finally:
            if pool is not None:
                await pool.closeCachedConnections()
        if status != 200:
            cls = ConnectionException if status >= 500 else ConfigException
            raise cls(correlation_id, "READ_FAILED", f"{where}: the config server answered HTTP {status}") \
                .with_details("url", where).with_details("status", status)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ConfigException(correlation_id, "BAD_CONFIG", f"{where}: the config is not UTF-8 text") \
                .with_cause(e) from e
        try:
            return render_config_text(text, where, format_of(url, content_type), parameters)
        except ApplicationException as e:
            raise e.with_correlation_id(correlation_id) from e

    async def _fetch(self, client: Any, url: str) -> tuple[int, Optional[str], bytes]:
        url, auth = split_userinfo(url)

        async def get() -> tuple[int, Optional[str], bytes]:
            headers = {b"Accept": [b"application/yaml, application/json, text/*"]}
            response = await (client.get(url, headers=headers, auth=auth) if auth else client.get(url, headers=headers))
            types = response.headers.getRawHeaders(b"content-type") or [b""]
            body = await response.content()
            return response.code, types[0].decode("latin-1") or None, body

        d = ensureDeferred(get())
        d.addTimeout(self.timeout, self.reactor, onTimeoutCancel=_timed_out)
        return await d


def split_userinfo(url: str) -> tuple[str, Optional[tuple[str, str]]]:
    """C{http://u:p@h/x} is C{http://h/x} with basic auth C{(u, p)} (agents refuse user info)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, host = parts.netloc.rpartition("@")
    username, _, password = userinfo.partition(":")
    return urlunsplit(parts._replace(netloc=host)), (unquote(username), unquote(password))


def _timed_out(result: Any, timeout: float) -> Any:
    raise TimeoutError(f"no answer within {timeout:g} s")
