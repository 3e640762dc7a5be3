# -*- test-case-name: tests.validation.test_rules -*-
"""Rules that compare: ValueComparisonRule and PropertiesComparisonRule."""

from __future__ import annotations

import math
import numbers
from typing import Any

from zope.interface import implementer

from ..portability import JsonConverter
from ._interfaces import IJsonSchemaRule
from ._object_comparator import ObjectComparator, normalize_operation
from ._object_schema import property_lookup
from ._result import ValidationResult
from ._result_type import ValidationResultType
from ._schema import Schema, show


@implementer(IJsonSchemaRule)
class ValueComparisonRule:
    """
    C{value <operation> self.value}, with C{EQ}, C{NE}, C{GT}, C{GE}, C{LT},
    C{LE} or C{LIKE} (a case-insensitive regular expression); code C{BAD_VALUE}.
    """

    def __init__(self, operation: str, value: Any) -> None:
        self.operation = normalize_operation(operation) or str(operation)
        self.value = value

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        if not ObjectComparator.compare(value, self.operation, self.value):
            name = path or "value"
            results.append(
                ValidationResult(
                    path, ValidationResultType.Error, "BAD_VALUE",
                    f"{name} must be {self.operation} {show(self.value)} but found {show(value)}",
                    self.value, value,
                )
            )

    def to_json_schema(self) -> dict[str, Any]:
        """EQ as a one-item enum, GE/LE as minimum/maximum when numeric; others have no portable form."""
        if self.operation == "EQ":
            return {"enum": [JsonConverter.to_json_value(self.value)]}
        if isinstance(self.value, numbers.Real) and not isinstance(self.value, bool) and math.isfinite(self.value):
            if self.operation == "GE":
                return {"minimum": self.value}
            if self.operation == "LE":
                return {"maximum": self.value}
        return {}


@implementer(IJsonSchemaRule)
class PropertiesComparisonRule:
    """C{object[property1] <operation> object[property2]}, names in any case; code C{PROPERTIES_NOT_MATCH}."""

    def __init__(self, property1: str, operation: str, property2: str) -> None:
        self.property1 = property1
        self.operation = normalize_operation(operation) or str(operation)
        self.property2 = property2

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        properties = property_lookup(value)
        value1 = properties.get(self.property1.lower())
        value2 = properties.get(self.property2.lower())
        if not ObjectComparator.compare(value1, self.operation, value2):
            name = path or "value"
            results.append(
                ValidationResult(
                    path, ValidationResultType.Error, "PROPERTIES_NOT_MATCH",
                    f"{name}: property {self.property1} must be {self.operation} property {self.property2}"
                    f" but found {show(value1)} and {show(value2)}",
                    value2, value1,
                )
            )

    def to_json_schema(self) -> dict[str, Any]:
        return {}
