# -*- test-case-name: tests.seneca.test_factory -*-
"""DefaultSenecaFactory: the seneca endpoint, service and client descriptors of a container config."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultSenecaFactory(StandardFactory):
    """
    Builds C{pip-services:endpoint:seneca}, C{pip-services:seneca-service:commandable}
    (a controller's commands under a C{pin}) and
    C{pip-services:seneca-client:commandable}.
    """

    descriptor = Descriptor("pip-services", "factory", "seneca", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.seneca")
