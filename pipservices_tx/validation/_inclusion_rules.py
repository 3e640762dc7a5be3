# -*- test-case-name: tests.validation.test_rules -*-
"""Rules on a value's membership in a list: IncludedRule and ExcludedRule."""

from __future__ import annotations

from typing import Any

from zope.interface import implementer

from ..portability import JsonConverter
from ._interfaces import IJsonSchemaRule
from ._object_comparator import ObjectComparator
from ._result import ValidationResult
from ._result_type import ValidationResultType
from ._schema import Schema, show


def _listed(values: list[Any], value: Any) -> bool:
    return any(ObjectComparator.are_equal(value, item) for item in values)


@implementer(IJsonSchemaRule)
class IncludedRule:
    """The value must equal one of C{values} (loosely: C{"1"} equals C{1}); code C{VALUE_NOT_INCLUDED}."""

    def __init__(self, *values: Any) -> None:
        self.values = list(values)

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        if not _listed(self.values, value):
            name = path or "value"
            results.append(
                ValidationResult(
                    path, ValidationResultType.Error, "VALUE_NOT_INCLUDED",
                    f"{name} must be one of {show(self.values)} but found {show(value)}",
                    self.values, value,
                )
            )

    def to_json_schema(self) -> dict[str, Any]:
        return {"enum": JsonConverter.to_json_value(self.values)}


@implementer(IJsonSchemaRule)
class ExcludedRule:
    """The value must equal none of C{values}; code C{VALUE_INCLUDED}."""

    def __init__(self, *values: Any) -> None:
        self.values = list(values)

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        if _listed(self.values, value):
            name = path or "value"
            results.append(
                ValidationResult(
                    path, ValidationResultType.Error, "VALUE_INCLUDED",
                    f"{name} must not be one of {show(self.values)} but found {show(value)}",
                    self.values, value,
                )
            )

    def to_json_schema(self) -> dict[str, Any]:
        return {"not": {"enum": JsonConverter.to_json_value(self.values)}}
