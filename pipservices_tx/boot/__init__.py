"""Boot: where a container's configuration comes from (files, HTTP, etcd)."""

from ._default_factory import DefaultBootFactory
from ._etcd_reader import EtcdConfigReader
from ._format import format_of
from ._http_reader import HttpConfigReader
from ._location import reader_for_location

__all__ = [
    "DefaultBootFactory",
    "EtcdConfigReader",
    "HttpConfigReader",
    "format_of",
    "reader_for_location",
]
