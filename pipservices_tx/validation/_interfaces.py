# -*- test-case-name: tests.validation.test_rules -*-
"""The contract of a validation rule."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from zope.interface import Interface

if TYPE_CHECKING:
    from ._result import ValidationResult
    from ._schema import Schema


class IValidationRule(Interface):
    """A check applied to a value that is not None, on top of its schema's type check."""

    def validate(path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        """
        Appends a L{ValidationResult} to C{results} for each problem found in
        C{value}, found at C{path} and described by C{schema}; never raises.
        """


class IJsonSchemaRule(IValidationRule):
    """A rule that can also be expressed in JSON Schema (e.g. as C{enum} or C{minimum})."""

    def to_json_schema() -> dict[str, Any]:
        """The JSON Schema keywords to merge into the schema of the value (maybe empty)."""
