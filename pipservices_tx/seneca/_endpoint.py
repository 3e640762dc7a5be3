# -*- test-case-name: tests.seneca.test_endpoint -*-
"""SenecaEndpoint: one port of the seneca HTTP transport that many seneca services share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zope.interface import implementer

from ..config import ConfigParams
from ..errors import ConfigException
from ..logs import CompositeLogger
from ..refer import Descriptor
from ..services import HttpEndpoint
from ._interfaces import ISenecaEndpoint
from ._router import DEFAULT_PATH, SenecaRequest, SenecaRouter

if TYPE_CHECKING:
    from ._service import SenecaService

SENECA_ENDPOINT_DESCRIPTOR = Descriptor("pip-services", "endpoint", "seneca", "*", "1.0")

#: The port of seneca's HTTP transport when none is configured.
DEFAULT_SENECA_PORT = 10101


@implementer(ISenecaEndpoint)
class SenecaEndpoint(HttpEndpoint):
    """
    Listens as C{seneca.listen({type: 'http'})} does: seneca clients POST
    acts to C{path} (default C{/act}); each seneca service that opens adds
    its patterns. An HTTP endpoint underneath, so it takes the same
    C{connection.*} (default port 10101, seneca's), C{endpoint} strings, TLS
    (C{connection.protocol: https} and C{credential.*}), limits
    (C{options.max_request_size}, C{options.max_concurrent_requests},
    C{options.header_timeout}, C{options.idle_timeout}) and drains the same
    way on shutdown (C{options.shutdown_timeout}); C{options.debug} puts
    stack traces in errors. Its errors are seneca errors, never HTML or
    hangs. C{cors.*} and C{options.access_log} have no use here.
    """

    def __init__(self) -> None:
        super().__init__()
        self.router = SenecaRouter()
        self.site.resource = self.router
        self.site.requestFactory = SenecaRequest
        self._logger = CompositeLogger(component="seneca-endpoint")

    def configure(self, config: ConfigParams) -> None:
        if not any(config.get_as_nullable_string(key) for key in
                   ("connection.port", "connection.uri", "connection.endpoint", "endpoint")):
            config = config.override(ConfigParams.from_tuples("connection.port", DEFAULT_SENECA_PORT))
        super().configure(config)
        self.router.path = config.get_as_string_with_default("path", DEFAULT_PATH)
        self.router.debug = self.dispatcher.debug
        self.router.max_request_size = self.site.max_request_size

    def add_service(self, service: SenecaService) -> None:
        service.add_actions_to(self.router)

    def remove_service(self, service: SenecaService) -> None:
        self.router.actions.remove_owner(service)

    @property
    def patterns(self) -> list[dict[str, str]]:
        """The patterns served, most fields first."""
        return self.router.actions.patterns()

    def register_service(self, service: Any) -> None:
        raise ConfigException(None, "NOT_AN_HTTP_ENDPOINT",
                              "A seneca endpoint serves seneca services, not the routes of a REST service")
