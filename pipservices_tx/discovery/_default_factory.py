# -*- test-case-name: tests.discovery.test_factory -*-
"""The factory of the standard discovery services and credential stores."""

from __future__ import annotations

from ..build import StandardFactory
from ..refer import Descriptor


class DefaultDiscoveryFactory(StandardFactory):
    """
    Builds C{pip-services:discovery:{null,memory,file,etcd}:*:1.0} and
    C{pip-services:credential-store:memory:*:1.0}.
    """

    descriptor = Descriptor("pip-services", "factory", "discovery", "default", "1.0")

    def __init__(self) -> None:
        super().__init__("pipservices_tx.discovery")
