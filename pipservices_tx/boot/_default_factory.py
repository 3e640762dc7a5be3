# -*- test-case-name: tests.boot.test_location -*-
"""The factory of the remote config readers."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor
from ._etcd_reader import EtcdConfigReader
from ._http_reader import HttpConfigReader


class DefaultBootFactory(Factory):
    """Builds C{pip-services:config-reader:http:*:1.0} and C{pip-services:config-reader:etcd:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "boot", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("pip-services", "config-reader", "http", "*", "1.0"), HttpConfigReader)
        self.register_as_type(Descriptor("pip-services", "config-reader", "etcd", "*", "1.0"), EtcdConfigReader)
