# -*- test-case-name: tests.validation.test_map_schema -*-
"""MapSchema: a map whose keys and values each have one type."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable, Optional

from ..portability import StringConverter
from ._interfaces import IValidationRule
from ._object_schema import read_properties
from ._result import ValidationResult
from ._schema import Schema
from ._type_matcher import type_json_schema


class MapSchema(Schema):
    """Each key is checked against C{key_type} and its value against C{value_type}, at C{path.key}."""

    type_name = "Map"

    def __init__(
        self,
        key_type: Any = None,
        value_type: Any = None,
        required: bool = False,
        rules: Optional[Iterable[IValidationRule]] = None,
        accept_strings: bool = False,
    ) -> None:
        super().__init__(required, rules, accept_strings)
        self.key_type = key_type
        self.value_type = value_type

    def perform_validation(self, path: str, value: Any, results: list[ValidationResult]) -> None:
        super().perform_validation(path, value, results)
        if value is None:
            return
        properties = read_properties(value)
        if properties is None:
            results.append(self.type_mismatch(path, self.type_name, value))
            return
        items = list(value.items()) if isinstance(value, Mapping) else list(properties.items())
        for key, item in items:
            name = StringConverter.to_string(key)
            where = f"{path}.{name}" if path else name
            self.validate_type(where, self.key_type, key, results)
            self.validate_type(where, self.value_type, item, results)

    def to_json_schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "object"}
        values = type_json_schema(self.value_type)
        result["additionalProperties"] = values if values else True
        return self._with_rules(result)
