# -*- test-case-name: tests.shipping.test_tcp_json_logger -*-
"""DefaultLogShippingFactory: the log-shipping descriptors of a container config."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _tcp_json_logger() -> type:
    from ._tcp_json_logger import TcpJsonLogger

    return TcpJsonLogger


class DefaultLogShippingFactory(Factory):
    """Builds C{pip-services:logger:{tcp,logstash,fluentd}:*:1.0}, each a L{TcpJsonLogger}."""

    descriptor = Descriptor("pip-services", "factory", "log-shipping", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "logger", "tcp", "*", "1.0"), _tcp_json_logger)
        self.register_lazy(Descriptor("pip-services", "logger", "logstash", "*", "1.0"), _tcp_json_logger)
        self.register_lazy(Descriptor("pip-services", "logger", "fluentd", "*", "1.0"), _tcp_json_logger)
