"""Persistence contracts and the in-memory persistences every other backend mirrors."""

from ._copying import copy_value
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
from ._matching import equality_filter, get_field, sort_items
from ._memory_persistence import DEFAULT_MAX_PAGE_SIZE, MemoryPersistence
from ._save_batcher import SaveBatcher

__all__ = [
    "DEFAULT_MAX_PAGE_SIZE",
    "IFilteredPageReader",
    "IFilteredReader",
    "IGetter",
    "ILoader",
    "IPartialUpdater",
    "ISaver",
    "ISetter",
    "IWriter",
    "IdentifiableMemoryPersistence",
    "MemoryPersistence",
    "SaveBatcher",
    "copy_value",
    "equality_filter",
    "get_field",
    "sort_items",
]
