# -*- test-case-name: tests.services.test_endpoint -*-
"""HttpEndpoint: one listening port that many REST services share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred
from twisted.internet.endpoints import quoteStringArgument, serverFromString
from twisted.web.server import Site
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ConfigException, ConnectionException
from ..logs import CompositeLogger
from ..refer import Descriptor, IReferenceable, IReferences
from ..run import IOpenable
from ._dispatcher import CorsPolicy, HttpDispatcher
from ._http_request import LimitedRequest

if TYPE_CHECKING:
    from ._rest_service import RestService

ENDPOINT_DESCRIPTOR = Descriptor("pip-services", "endpoint", "http", "*", "1.0")


class _Site(Site):
    """A site without a per-request access log unless asked for."""

    access_log = False
    max_request_size = 1 << 20

    def log(self, request: Any) -> None:
        if self.access_log:
            super().log(request)


def endpoint_string(config: ConfigParams) -> str:
    """
    The Twisted server endpoint for a config: C{endpoint} as given, else
    C{connection.protocol/host/port} (C{https} takes C{credential.ssl_key_file}
    and C{credential.ssl_crt_file}).
    """
    explicit = config.get_as_nullable_string("endpoint") or config.get_as_nullable_string("connection.endpoint")
    if explicit:
        return explicit
    protocol = config.get_as_string_with_default("connection.protocol", "http").lower()
    host = config.get_as_string_with_default("connection.host", "0.0.0.0")
    port = config.get_as_nullable_integer("connection.port")
    uri = config.get_as_nullable_string("connection.uri")
    if uri:
        from urllib.parse import urlsplit

        parts = urlsplit(uri)
        protocol = parts.scheme or protocol
        host = parts.hostname or host
        port = parts.port if parts.port is not None else port
    if port is None:
        port = 8080 if protocol == "http" else 8443
    interface = quoteStringArgument(host)
    if protocol == "http":
        return f"tcp:port={port}:interface={interface}"
    if protocol == "https":
        key = config.get_as_nullable_string("credential.ssl_key_file")
        crt = config.get_as_nullable_string("credential.ssl_crt_file")
        if not key or not crt:
            raise ConfigException(
                None, "NO_SSL_CERT", "https needs credential.ssl_key_file and credential.ssl_crt_file"
            )
        result = f"ssl:port={port}:interface={interface}:privateKey={quoteStringArgument(key)}:certKey={quoteStringArgument(crt)}"
        ca = config.get_as_nullable_string("credential.ssl_ca_file")
        if ca:
            result += f":extraCertChain={quoteStringArgument(ca)}"
        return result
    raise ConfigException(None, "BAD_PROTOCOL", f"Protocol '{protocol}' is not http or https")


@implementer(IOpenable, IConfigurable, IReferenceable)
class HttpEndpoint:
    """
    Configured by C{connection.*} or C{endpoint: "tcp:8080:interface=127.0.0.1"}
    (also C{ssl:}, C{unix:}, C{systemd:}); C{options.max_request_size} (bytes,
    default 1 MiB), C{options.idle_timeout} (s), C{options.debug} (stack traces
    in error bodies), C{options.access_log}, C{cors.enabled}, C{cors.origins}.
    """

    def __init__(self, reactor: Any = None) -> None:
        self._reactor = reactor
        self._config = ConfigParams()
        self._logger = CompositeLogger(component="http-endpoint")
        self.dispatcher = HttpDispatcher()
        self.site = _Site(self.dispatcher, requestFactory=LimitedRequest, parsePOSTFormSubmission=False)
        self.site.noisy = False
        self._port: Any = None
        self._services: list[RestService] = []

    def configure(self, config: ConfigParams) -> None:
        self._config = config
        self.site.max_request_size = self.dispatcher.max_request_size = config.get_as_integer_with_default(
            "options.max_request_size", 1 << 20
        )
        self.site.access_log = config.get_as_boolean_with_default("options.access_log", False)
        self.site.timeOut = config.get_as_float_with_default("options.idle_timeout", 60.0) or None
        self.dispatcher.debug = config.get_as_boolean_with_default("options.debug", False)
        origins = config.get_as_string_with_default("cors.origins", "*")
        self.dispatcher.cors = CorsPolicy(
            config.get_as_boolean_with_default("cors.enabled", True), origins.split(",")
        )
        endpoint_string(config)  # fail at configure time on a bad connection

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    @property
    def port(self) -> Optional[int]:
        """The port listened on (useful with port 0), None when closed or not TCP."""
        if self._port is None:
            return None
        return getattr(self._port.getHost(), "port", None)

    @property
    def base_url(self) -> str:
        host = self._port.getHost() if self._port is not None else None
        scheme = "https" if endpoint_string(self._config).startswith("ssl:") else "http"
        address = getattr(host, "host", "127.0.0.1")
        if address in ("0.0.0.0", "::"):
            address = "127.0.0.1"
        return f"{scheme}://{address}:{self.port}"

    def is_open(self) -> bool:
        return self._port is not None

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._port is not None:
            return
        if self._reactor is None:
            from twisted.internet import reactor

            self._reactor = reactor
        description = endpoint_string(self._config)
        try:
            self._port = await serverFromString(self._reactor, description).listen(self.site)
        except Exception as e:
            raise ConnectionException(
                correlation_id, "CANNOT_LISTEN", f"Cannot listen on {description}: {e}"
            ).with_details("endpoint", description).with_cause(e) from e
        self._logger.info(correlation_id, "HTTP endpoint listening on %s", description)

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        port, self._port = self._port, None
        if port is not None:
            await port.stopListening()
            self._logger.info(correlation_id, "HTTP endpoint closed")

    def register_service(self, service: RestService) -> None:
        """Adds a service's routes; called by the service when it opens."""
        if service not in self._services:
            self._services.append(service)
        service.add_routes_to(self.dispatcher)

    def unregister_service(self, service: RestService) -> None:
        if service in self._services:
            self._services.remove(service)
        self.dispatcher.remove_owner(service, service.app)
