# -*- test-case-name: tests.validation.test_object_schema -*-
"""ObjectSchema: an object (a map or attributes) with declared properties."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from ..portability import MapConverter
from ._interfaces import IValidationRule
from ._property_schema import PropertySchema
from ._result import ValidationResult
from ._result_type import ValidationResultType
from ._schema import Schema

_NOT_OBJECTS = (str, bytes, bytearray, list, tuple, set, frozenset)


def property_lookup(value: Any) -> dict[str, Any]:
    """
    The properties of C{value} keyed by lower-case name, for rules that name
    properties: those match names case-insensitively, as in every
    Pip.Services language (C{"String_Property"} finds C{string_property}).
    """
    lookup: dict[str, Any] = {}
    for name, item in (read_properties(value) or {}).items():
        key = str(name).lower()
        if item is not None or key not in lookup:  # a set one wins over an unset one in another case
            lookup[key] = item
    return lookup


def read_properties(value: Any) -> Optional[dict[str, Any]]:
    """A map's items or an object's public attributes; None for scalars and sequences."""
    if type(value) is dict:
        return value  # a JSON object, the common case: read as it is
    if isinstance(value, _NOT_OBJECTS):
        return None
    return MapConverter.to_nullable_map(value)


class ObjectSchema(Schema):
    """
    Declared properties are checked by their own schemas; any other property
    is an C{UNEXPECTED_PROPERTY} error unless L{allow_undefined} is set.
    """

    type_name = "Object"

    def __init__(
        self,
        allow_undefined: bool = False,
        required: bool = False,
        rules: Optional[Iterable[IValidationRule]] = None,
        accept_strings: bool = False,
    ) -> None:
        super().__init__(required, rules, accept_strings)
        self.allow_undefined: bool = allow_undefined
        self.properties: list[PropertySchema] = []

    def allow_undefined_properties(self, value: bool = True) -> ObjectSchema:
        self.allow_undefined = value
        return self

    def with_property(self, schema: PropertySchema) -> ObjectSchema:
        self.properties.append(schema)
        return self

    def with_required_property(self, name: str, value_type: Any = None, *rules: IValidationRule) -> ObjectSchema:
        return self.with_property(PropertySchema(name, value_type, True, rules, self.accept_strings))

    def with_optional_property(self, name: str, value_type: Any = None, *rules: IValidationRule) -> ObjectSchema:
        return self.with_property(PropertySchema(name, value_type, False, rules, self.accept_strings))

    def perform_validation(self, path: str, value: Any, results: list[ValidationResult]) -> None:
        super().perform_validation(path, value, results)
        if value is None:
            return
        # JSON objects (the common case) are read as they are; anything else is converted.
        properties = read_properties(value)
        if properties is None:
            results.append(self.type_mismatch(path, self.type_name, value))
            return
        for schema in self.properties:
            value_of = properties.get(schema.name)
            if not schema.is_trivially_valid(value_of):
                schema.perform_validation(path, value_of, results)
        if self.allow_undefined:
            return
        declared = {schema.name for schema in self.properties}
        for name in properties:
            if name not in declared:
                where = f"{path}.{name}" if path else name
                results.append(
                    ValidationResult(
                        where, ValidationResultType.Error, "UNEXPECTED_PROPERTY",
                        f"{where} is not an expected property", None, name,
                    )
                )

    def to_json_schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "type": "object",
            "properties": {schema.name: schema.to_json_schema() for schema in self.properties},
        }
        required = [schema.name for schema in self.properties if schema.required]
        if required:
            result["required"] = required
        result["additionalProperties"] = self.allow_undefined
        return self._with_rules(result)
