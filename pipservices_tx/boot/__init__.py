"""Boot: where a container's configuration comes from (files, HTTP, etcd, the settings service)."""

from ._default_factory import DefaultBootFactory
from ._etcd_reader import EtcdConfigReader
from ._format import format_of
from ._http_reader import HttpConfigReader
from ._location import reader_for_location
from ._settings_reader import SettingsConfigReader

__all__ = [
    "DefaultBootFactory",
    "EtcdConfigReader",
    "HttpConfigReader",
    "SettingsConfigReader",
    "format_of",
    "reader_for_location",
]
