"""Data parameters of queries and their results: filter, paging, sort, projection, pages."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._data_page import DataPage
    from ._filter_params import FilterParams
    from ._interfaces import IChangeable, IIdentifiable, IStringIdentifiable
    from ._paging_params import PagingParams
    from ._projection_params import ProjectionParams
    from ._sort_params import SortField, SortParams

__all__ = [
    "DataPage",
    "FilterParams",
    "IChangeable",
    "IIdentifiable",
    "IStringIdentifiable",
    "PagingParams",
    "ProjectionParams",
    "SortField",
    "SortParams",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "DataPage":
        from . import _data_page

        module = _data_page
    elif name == "FilterParams":
        from . import _filter_params

        module = _filter_params
    elif name in ("IChangeable", "IIdentifiable", "IStringIdentifiable"):
        from . import _interfaces

        module = _interfaces
    elif name == "PagingParams":
        from . import _paging_params

        module = _paging_params
    elif name == "ProjectionParams":
        from . import _projection_params

        module = _projection_params
    elif name in ("SortField", "SortParams"):
        from . import _sort_params

        module = _sort_params
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
