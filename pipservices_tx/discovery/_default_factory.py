# -*- test-case-name: tests.discovery.test_factory -*-
"""The factory of the standard discovery services and credential stores."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor
from ._etcd_discovery import EtcdDiscovery
from ._file_discovery import FileDiscovery
from ._memory_credential_store import MemoryCredentialStore
from ._memory_discovery import MemoryDiscovery


class DefaultDiscoveryFactory(Factory):
    """
    Builds C{pip-services:discovery:{memory,file,etcd}:*:1.0} and
    C{pip-services:credential-store:memory:*:1.0}.
    """

    descriptor = Descriptor("pip-services", "factory", "discovery", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("pip-services", "discovery", "memory", "*", "1.0"), MemoryDiscovery)
        self.register_as_type(Descriptor("pip-services", "discovery", "file", "*", "1.0"), FileDiscovery)
        self.register_as_type(Descriptor("pip-services", "discovery", "etcd", "*", "1.0"), EtcdDiscovery)
        self.register_as_type(
            Descriptor("pip-services", "credential-store", "memory", "*", "1.0"), MemoryCredentialStore
        )
