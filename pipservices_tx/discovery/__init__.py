"""Discovery: connection and credential parameters, their resolvers and discovery services."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._connection_params import ConnectionParams
    from ._connection_resolver import DISCOVERY_LOCATOR, ConnectionResolver
    from ._credential_params import CredentialParams
    from ._credential_resolver import CREDENTIAL_STORE_LOCATOR, CredentialResolver
    from ._default_factory import DefaultDiscoveryFactory
    from ._etcd_client import EtcdClient
    from ._etcd_discovery import EtcdDiscovery, etcd_base_url
    from ._file_discovery import FileDiscovery
    from ._interfaces import ICredentialStore, IDiscovery
    from ._keyed_resolver import KeyedResolver
    from ._memory_credential_store import MemoryCredentialStore
    from ._memory_discovery import MemoryDiscovery
    from ._null_discovery import NullDiscovery
    from ._pem import load_pem_certificates, read_pem
    from ._uri import compose_uri, parse_uri

__all__ = [
    "CREDENTIAL_STORE_LOCATOR",
    "ConnectionParams",
    "ConnectionResolver",
    "CredentialParams",
    "CredentialResolver",
    "DISCOVERY_LOCATOR",
    "DefaultDiscoveryFactory",
    "EtcdClient",
    "EtcdDiscovery",
    "FileDiscovery",
    "ICredentialStore",
    "IDiscovery",
    "KeyedResolver",
    "MemoryCredentialStore",
    "MemoryDiscovery",
    "NullDiscovery",
    "compose_uri",
    "etcd_base_url",
    "load_pem_certificates",
    "parse_uri",
    "read_pem",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "ConnectionParams":
        from . import _connection_params

        module = _connection_params
    elif name in ("DISCOVERY_LOCATOR", "ConnectionResolver"):
        from . import _connection_resolver

        module = _connection_resolver
    elif name == "CredentialParams":
        from . import _credential_params

        module = _credential_params
    elif name in ("CREDENTIAL_STORE_LOCATOR", "CredentialResolver"):
        from . import _credential_resolver

        module = _credential_resolver
    elif name == "DefaultDiscoveryFactory":
        from . import _default_factory

        module = _default_factory
    elif name == "EtcdClient":
        from . import _etcd_client

        module = _etcd_client
    elif name in ("EtcdDiscovery", "etcd_base_url"):
        from . import _etcd_discovery

        module = _etcd_discovery
    elif name == "FileDiscovery":
        from . import _file_discovery

        module = _file_discovery
    elif name in ("ICredentialStore", "IDiscovery"):
        from . import _interfaces

        module = _interfaces
    elif name == "KeyedResolver":
        from . import _keyed_resolver

        module = _keyed_resolver
    elif name == "MemoryCredentialStore":
        from . import _memory_credential_store

        module = _memory_credential_store
    elif name == "MemoryDiscovery":
        from . import _memory_discovery

        module = _memory_discovery
    elif name == "NullDiscovery":
        from . import _null_discovery

        module = _null_discovery
    elif name in ("load_pem_certificates", "read_pem"):
        from . import _pem

        module = _pem
    elif name in ("compose_uri", "parse_uri"):
        from . import _uri

        module = _uri
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
