"""Discovery: connection and credential parameters, their resolvers and discovery services."""

from ._connection_params import ConnectionParams
from ._connection_resolver import DISCOVERY_LOCATOR, ConnectionResolver
from ._credential_params import CredentialParams
from ._credential_resolver import CREDENTIAL_STORE_LOCATOR, CredentialResolver
from ._default_factory import DefaultDiscoveryFactory
from ._etcd_client import EtcdClient
from ._etcd_discovery import EtcdDiscovery, etcd_base_url
from ._file_discovery import FileDiscovery
from ._interfaces import ICredentialStore, IDiscovery
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
    "MemoryCredentialStore",
    "MemoryDiscovery",
    "NullDiscovery",
    "compose_uri",
    "etcd_base_url",
    "load_pem_certificates",
    "parse_uri",
    "read_pem",
]
