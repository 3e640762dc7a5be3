# -*- test-case-name: tests.validation.test_object_schema -*-
"""PropertySchema: one named property of an object and its type."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from ..portability import TypeCode
from ._interfaces import IValidationRule
from ._result import ValidationResult
from ._schema import Schema
from ._type_matcher import type_json_schema

_PLAIN_TYPES: dict[Any, type] = {
    TypeCode.String: str, TypeCode.Boolean: bool, TypeCode.Integer: int, TypeCode.Long: int,
    TypeCode.Float: float, TypeCode.Double: float, TypeCode.Map: dict, TypeCode.Array: list,
}


class PropertySchema(Schema):
    """C{value_type} is a TypeCode, a nested L{Schema}, a type name or a Python type (None: any)."""

    def __init__(
        self,
        name: str,
        value_type: Any = None,
        required: bool = False,
        rules: Optional[Iterable[IValidationRule]] = None,
        accept_strings: bool = False,
    ) -> None:
        super().__init__(required, rules, accept_strings)
        self.name = name
        self.value_type = value_type

    def is_trivially_valid(self, value: Any) -> bool:
        """
        True when C{value} passes without a finding and without the general
        machinery: no rules, and a JSON value of exactly the declared plain type
        (the common case of every request).
        """
        if value is None:
            return not self.required
        if self.rules:
            return False
        return type(value) is _PLAIN_TYPES.get(self.value_type)

    def perform_validation(self, path: str, value: Any, results: list[ValidationResult]) -> None:
        """C{value} is the property's value; C{path} that of the object holding it."""
        path = f"{path}.{self.name}" if path else self.name
        super().perform_validation(path, value, results)
        self.validate_type(path, self.value_type, value, results)

    def to_json_schema(self) -> dict[str, Any]:
        return self._with_rules(type_json_schema(self.value_type))
