"""Data parameters of queries and their results: filter, paging, sort, projection, pages."""

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
