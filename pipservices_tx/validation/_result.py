# -*- test-case-name: tests.validation.test_result -*-
"""One finding of a validation: where, how serious, what was expected and found."""

from __future__ import annotations

from typing import Any, Mapping

import attrs

from ..portability import JsonConverter, StringConverter
from ._result_type import ValidationResultType


def _enum_name(value: Any) -> Any:
    """pip-services3 writes enums as C{{"_value_": 2, "_name_": "Error", ...}}."""
    if isinstance(value, Mapping) and "_name_" in value:
        return value.get("_name_")
    return value


def _result_type(value: Any) -> ValidationResultType:
    value = _enum_name(value)
    if isinstance(value, str):
        for member in ValidationResultType:
            if member.name.lower() == value.strip().lower():
                return member
    try:
        return ValidationResultType(value)
    except (ValueError, TypeError):
        return ValidationResultType.Error


@attrs.frozen
class ValidationResult:
    """
    C{path} is dotted (C{beacon.center.coordinates}, C{udis.1}), empty for the
    value itself; C{code} is machine-readable (C{VALUE_IS_NULL}, C{TYPE_MISMATCH}...).
    """

    path: str
    type: ValidationResultType
    code: str
    message: str
    expected: Any = None
    actual: Any = None

    def to_json(self) -> dict[str, Any]:
        """The wire form carried in C{details["results"]} of a L{ValidationException}."""
        return {
            "path": self.path,
            "type": self.type.name,
            "code": self.code,
            "message": self.message,
            "expected": JsonConverter.to_json_value(self.expected),
            "actual": JsonConverter.to_json_value(self.actual),
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> ValidationResult:
        """Reads the wire form leniently; the type may be a name or a number."""
        return cls(
            StringConverter.to_string(value.get("path")),
            _result_type(value.get("type")),
            StringConverter.to_string(value.get("code")),
            StringConverter.to_string(value.get("message")),
            _enum_name(value.get("expected")),
            _enum_name(value.get("actual")),
        )
