"""Validation of loosely typed data against schemas, with portable results and errors."""

from ..errors import register_error_class
from ._array_schema import ArraySchema
from ._comparison_rules import PropertiesComparisonRule, ValueComparisonRule
from ._exception import ValidationException
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

register_error_class(ValidationException)
