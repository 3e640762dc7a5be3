"""Persistence contracts and the in-memory persistences every other backend mirrors."""

from ._copying import copy_value, copy_values
from ._file_persistence import FilePersistence, IdentifiableFilePersistence
from ._identifiable_memory_persistence import IdentifiableMemoryPersistence
from ._interfaces import (
    IFilteredPageReader,
    IFilteredReader,
    IGetter,
    ILoader,
    IPartialUpdater,
    ISaver,
    ISetter,
    IWriter,
)
from ._json_file_persister import JsonFilePersister
from ._matching import equality_filter, get_field, sort_items
from ._memory_persistence import DEFAULT_MAX_PAGE_SIZE, MemoryPersistence
from ._paging import PageWindow
from ._save_batcher import SaveBatcher

__all__ = [
    "DEFAULT_MAX_PAGE_SIZE",
    "FilePersistence",
    "IFilteredPageReader",
    "IFilteredReader",
    "IGetter",
    "ILoader",
    "IPartialUpdater",
    "ISaver",
    "ISetter",
    "IWriter",
    "IdentifiableFilePersistence",
    "IdentifiableMemoryPersistence",
    "JsonFilePersister",
    "MemoryPersistence",
    "PageWindow",
    "SaveBatcher",
    "copy_value",
    "copy_values",
    "equality_filter",
    "get_field",
    "sort_items",
]
