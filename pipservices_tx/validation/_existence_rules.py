# -*- test-case-name: tests.validation.test_rules -*-
"""Rules on which properties of an object are set: AtLeastOneExistsRule, OnlyOneExistsRule."""

from __future__ import annotations

from typing import Any

from zope.interface import implementer

from ._interfaces import IJsonSchemaRule
from ._object_schema import property_lookup
from ._result import ValidationResult
from ._result_type import ValidationResultType
from ._schema import Schema


def _set_properties(value: Any, names: list[str]) -> list[str]:
    """The names (as the rule spells them) of the properties that are set, whatever their case."""
    properties = property_lookup(value)
    return [name for name in names if properties.get(name.lower()) is not None]


@implementer(IJsonSchemaRule)
class AtLeastOneExistsRule:
    """At least one of the named properties (in any case) must be set (not None); code C{VALUE_NULL}."""

    def __init__(self, *properties: str) -> None:
        self.properties = list(properties)

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        if type(value) is dict:
            get = value.get
            for name in self.properties:
                if get(name) is not None:
                    return  # set as spelled: set whatever the case (the usual request)
        if not _set_properties(value, self.properties):
            name = path or "value"
            results.append(
                ValidationResult(
                    path, ValidationResultType.Error, "VALUE_NULL",
                    f"{name} must have at least one property from {', '.join(self.properties)}",
                    self.properties, None,
                )
            )

    def to_json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"required": [name]} for name in self.properties]} if self.properties else {}


@implementer(IJsonSchemaRule)
class OnlyOneExistsRule:
    """Exactly one of the named properties (in any case) must be set; codes C{VALUE_NULL} and C{VALUE_ONLY_ONE}."""

    def __init__(self, *properties: str) -> None:
        self.properties = list(properties)

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        found = _set_properties(value, self.properties)
        name = path or "value"
        if not found:
            results.append(
                ValidationResult(
                    path, ValidationResultType.Error, "VALUE_NULL",
                    f"{name} must have one property from {', '.join(self.properties)}",
                    self.properties, None,
                )
            )
        elif len(found) > 1:
            results.append(
                ValidationResult(
                    path, ValidationResultType.Error, "VALUE_ONLY_ONE",
                    f"{name} must have only one property from {', '.join(self.properties)} "
                    f"but has {', '.join(found)}",
                    self.properties, found,
                )
            )

    def to_json_schema(self) -> dict[str, Any]:
        return {"oneOf": [{"required": [name]} for name in self.properties]} if self.properties else {}
