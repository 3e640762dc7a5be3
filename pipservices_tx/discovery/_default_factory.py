# -*- test-case-name: tests.discovery.test_factory -*-
"""The factory of the standard discovery services and credential stores."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor


def _null_discovery() -> type:
    from ._null_discovery import NullDiscovery

    return NullDiscovery


def _memory_discovery() -> type:
    from ._memory_discovery import MemoryDiscovery

    return MemoryDiscovery


def _file_discovery() -> type:
    from ._file_discovery import FileDiscovery

    return FileDiscovery


def _etcd_discovery() -> type:
    from ._etcd_discovery import EtcdDiscovery

    return EtcdDiscovery


def _memory_credential_store() -> type:
    from ._memory_credential_store import MemoryCredentialStore

    return MemoryCredentialStore


class DefaultDiscoveryFactory(Factory):
    """
    Builds C{pip-services:discovery:{null,memory,file,etcd}:*:1.0} and
    C{pip-services:credential-store:memory:*:1.0}.
    """

    descriptor = Descriptor("pip-services", "factory", "discovery", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_lazy(Descriptor("pip-services", "discovery", "null", "*", "1.0"), _null_discovery)
        self.register_lazy(Descriptor("pip-services", "discovery", "memory", "*", "1.0"), _memory_discovery)
        self.register_lazy(Descriptor("pip-services", "discovery", "file", "*", "1.0"), _file_discovery)
        self.register_lazy(Descriptor("pip-services", "discovery", "etcd", "*", "1.0"), _etcd_discovery)
        self.register_lazy(Descriptor("pip-services", "credential-store", "memory", "*", "1.0"), _memory_credential_store)
