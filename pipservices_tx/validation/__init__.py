"""Validation of loosely typed data against schemas, with portable results and errors."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from ..errors import register_error_class
from ._exception import ValidationException

if TYPE_CHECKING:
    from ._array_schema import ArraySchema
    from ._comparison_rules import PropertiesComparisonRule, ValueComparisonRule
    from ._existence_rules import AtLeastOneExistsRule, OnlyOneExistsRule
    from ._filter_params_schema import FilterParamsSchema
    from ._inclusion_rules import ExcludedRule, IncludedRule
    from ._interfaces import IJsonSchemaRule, IValidationRule
    from ._logical_rules import AndRule, NotRule, OrRule
    from ._map_schema import MapSchema
    from ._object_comparator import ObjectComparator
    from ._object_schema import ObjectSchema
    from ._paging_params_schema import PagingParamsSchema
    from ._property_schema import PropertySchema
    from ._result import ValidationResult
    from ._result_type import ValidationResultType
    from ._schema import Schema

register_error_class(ValidationException)

__all__ = [
    "AndRule",
    "ArraySchema",
    "AtLeastOneExistsRule",
    "ExcludedRule",
    "FilterParamsSchema",
    "IJsonSchemaRule",
    "IValidationRule",
    "IncludedRule",
    "MapSchema",
    "NotRule",
    "ObjectComparator",
    "ObjectSchema",
    "OnlyOneExistsRule",
    "OrRule",
    "PagingParamsSchema",
    "PropertiesComparisonRule",
    "PropertySchema",
    "Schema",
    "ValidationException",
    "ValidationResult",
    "ValidationResultType",
    "ValueComparisonRule",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "ArraySchema":
        from . import _array_schema

        module = _array_schema
    elif name in ("PropertiesComparisonRule", "ValueComparisonRule"):
        from . import _comparison_rules

        module = _comparison_rules
    elif name in ("AtLeastOneExistsRule", "OnlyOneExistsRule"):
        from . import _existence_rules

        module = _existence_rules
    elif name == "FilterParamsSchema":
        from . import _filter_params_schema

        module = _filter_params_schema
    elif name in ("ExcludedRule", "IncludedRule"):
        from . import _inclusion_rules

        module = _inclusion_rules
    elif name in ("IJsonSchemaRule", "IValidationRule"):
        from . import _interfaces

        module = _interfaces
    elif name in ("AndRule", "NotRule", "OrRule"):
        from . import _logical_rules

        module = _logical_rules
    elif name == "MapSchema":
        from . import _map_schema

        module = _map_schema
    elif name == "ObjectComparator":
        from . import _object_comparator

        module = _object_comparator
    elif name == "ObjectSchema":
        from . import _object_schema

        module = _object_schema
    elif name == "PagingParamsSchema":
        from . import _paging_params_schema

        module = _paging_params_schema
    elif name == "PropertySchema":
        from . import _property_schema

        module = _property_schema
    elif name == "ValidationResult":
        from . import _result

        module = _result
    elif name == "ValidationResultType":
        from . import _result_type

        module = _result_type
    elif name == "Schema":
        from . import _schema

        module = _schema
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
