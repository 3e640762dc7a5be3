# -*- test-case-name: tests.validation.test_rules -*-
"""Rules that combine other rules: AndRule, OrRule and NotRule."""

from __future__ import annotations

from typing import Any

from zope.interface import implementer

from ._interfaces import IJsonSchemaRule, IValidationRule
from ._result import ValidationResult
from ._result_type import ValidationResultType
from ._schema import Schema, merge_json_schema


def _fragment(rule: IValidationRule) -> dict[str, Any]:
    return rule.to_json_schema() if IJsonSchemaRule.providedBy(rule) else {}


@implementer(IJsonSchemaRule)
class AndRule:
    """Every rule must pass; all their findings are reported."""

    def __init__(self, *rules: IValidationRule) -> None:
        self.rules = list(rules)

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        for rule in self.rules:
            rule.validate(path, schema, value, results)

    def to_json_schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for rule in self.rules:
            merge_json_schema(result, _fragment(rule))
        return result


@implementer(IJsonSchemaRule)
class OrRule:
    """One rule passing is enough; when none passes, all their findings are reported."""

    def __init__(self, *rules: IValidationRule) -> None:
        self.rules = list(rules)

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        found: list[ValidationResult] = []
        for rule in self.rules:
            local: list[ValidationResult] = []
            rule.validate(path, schema, value, local)
            if not local:
                return
            found.extend(local)
        results.extend(found)

    def to_json_schema(self) -> dict[str, Any]:
        fragments = [_fragment(rule) for rule in self.rules]
        if not fragments or not all(fragments):
            return {}
        return {"anyOf": fragments}


@implementer(IJsonSchemaRule)
class NotRule:
    """Passes when C{rule} fails (code C{NOT_FAILED} otherwise)."""

    def __init__(self, rule: IValidationRule) -> None:
        self.rule = rule

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        local: list[ValidationResult] = []
        self.rule.validate(path, schema, value, local)
        if not local:
            name = path or "value"
            results.append(
                ValidationResult(
                    path, ValidationResultType.Error, "NOT_FAILED",
                    f"{name} must not pass the negated check", None, value,
                )
            )

    def to_json_schema(self) -> dict[str, Any]:
        fragment = _fragment(self.rule)
        return {"not": fragment} if fragment else {}
