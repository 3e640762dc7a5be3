# -*- test-case-name: tests.seneca.test_endpoint -*-
"""DefaultSenecaFactory: the seneca endpoint, service and client descriptors of a container config."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _endpoint() -> type:
    from ._endpoint import SenecaEndpoint

    return SenecaEndpoint


def _commandable_service() -> type:
    from ._commandable_service import CommandableSenecaService

    return CommandableSenecaService


def _commandable_client() -> type:
    from ._commandable_client import CommandableSenecaClient

    return CommandableSenecaClient


class DefaultSenecaFactory(Factory):
    """
    C{pip-services:endpoint:seneca} (the shared listener),
    C{pip-services:seneca-service:commandable} (a controller's commands under a
    C{pin}) and C{pip-services:seneca-client:commandable}.
    """

    descriptor = Descriptor("pip-services", "factory", "seneca", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "endpoint", "seneca", "*", "1.0"), _endpoint)
        self.register_lazy(Descriptor("pip-services", "seneca-service", "commandable", "*", "1.0"), _commandable_service)
        self.register_lazy(Descriptor("pip-services", "seneca-client", "commandable", "*", "1.0"), _commandable_client)
