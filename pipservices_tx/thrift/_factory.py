# -*- test-case-name: tests.thrift.test_factory -*-
"""The factory of the standard Thrift components."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _thrift_endpoint() -> type:
    from ._endpoint import ThriftEndpoint

    return ThriftEndpoint


def _commandable_thrift_service() -> type:
    from ._commandable_service import CommandableThriftService

    return CommandableThriftService


class DefaultThriftFactory(Factory):
    """C{pip-services:endpoint:thrift} and C{pip-services:service:commandable-thrift}."""

    descriptor = Descriptor("pip-services", "factory", "thrift", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "endpoint", "thrift", "*", "1.0"), _thrift_endpoint)
        self.register_lazy(Descriptor("pip-services", "service", "commandable-thrift", "*", "1.0"),
                           _commandable_thrift_service)
