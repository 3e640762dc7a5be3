"""Persistence contracts and the in-memory persistences every other backend mirrors."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("copy_value", "copy_values"):
        from . import _copying

        module = _copying
    elif name in ("FilePersistence", "IdentifiableFilePersistence"):
        from . import _file_persistence

        module = _file_persistence
    elif name == "IdentifiableMemoryPersistence":
        from . import _identifiable_memory_persistence

        module = _identifiable_memory_persistence
    elif name in (
        "IFilteredPageReader",
        "IFilteredReader",
        "IGetter",
        "ILoader",
        "IPartialUpdater",
        "ISaver",
        "ISetter",
        "IWriter",
    ):
        from . import _interfaces

        module = _interfaces
    elif name == "JsonFilePersister":
        from . import _json_file_persister

        module = _json_file_persister
    elif name in ("equality_filter", "get_field", "sort_items"):
        from . import _matching

        module = _matching
    elif name in ("DEFAULT_MAX_PAGE_SIZE", "MemoryPersistence"):
        from . import _memory_persistence

        module = _memory_persistence
    elif name == "PageWindow":
        from . import _paging

        module = _paging
    elif name == "SaveBatcher":
        from . import _save_batcher

        module = _save_batcher
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
