# -*- test-case-name: tests.validation.test_array_schema -*-
"""ArraySchema: a list whose items all have one type."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from ._interfaces import IValidationRule
from ._result import ValidationResult
from ._schema import Schema
from ._type_matcher import type_json_schema


class ArraySchema(Schema):
    """Items are checked against C{value_type} at paths C{path.0}, C{path.1}..."""

    type_name = "Array"

    def __init__(
        self,
        value_type: Any = None,
        required: bool = False,
        rules: Optional[Iterable[IValidationRule]] = None,
        accept_strings: bool = False,
    ) -> None:
        super().__init__(required, rules, accept_strings)
        self.value_type = value_type

    def perform_validation(self, path: str, value: Any, results: list[ValidationResult]) -> None:
        super().perform_validation(path, value, results)
        if value is None:
            return
        if not isinstance(value, (list, tuple, set, frozenset)):
            results.append(self.type_mismatch(path, self.type_name, value))
            return
        for index, item in enumerate(value):
            self.validate_type(f"{path}.{index}" if path else str(index), self.value_type, item, results)

    def to_json_schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "array"}
        items = type_json_schema(self.value_type)
        if items:
            result["items"] = items
        return self._with_rules(result)
