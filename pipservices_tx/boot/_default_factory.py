# -*- test-case-name: tests.boot.test_location -*-
"""The factory of the remote config readers."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultBootFactory(StandardFactory):
    """Builds C{pip-services:config-reader:{http,etcd,settings}:*:1.0}."""

    descriptor = Descriptor("pip-services", "factory", "boot", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.boot")
