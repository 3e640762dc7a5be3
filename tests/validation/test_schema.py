"""Tests for the Schema base: required flag, rules, exceptions."""

from __future__ import annotations

from typing import Any

from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer

from pipservices_tx.validation import (
    IValidationRule,
    Schema,
    ValidationException,
    ValidationResult,
    ValidationResultType,
)


@implementer(IValidationRule)
class Warns:
    """A rule that always warns, and records what it was given."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def validate(self, path: str, schema: Schema, value: Any, results: list[ValidationResult]) -> None:
        self.calls.append((path, value))
        results.append(ValidationResult(path, ValidationResultType.Warning, "WARN", "careful", None, value))


class SchemaTests(SynchronousTestCase):
    def test_optional_accepts_anything(self) -> None:
        self.assertEqual(Schema().validate(None), [])
        self.assertEqual(Schema().validate({"any": "thing"}), [])

    def test_required_rejects_none(self) -> None:
        self.assertEqual(
            Schema(required=True).validate(None),
            [ValidationResult("", ValidationResultType.Error, "VALUE_IS_NULL", "value must not be null",
                              "NOT NULL", None)],
        )
        self.assertEqual(Schema().make_required().validate(0), [])
        self.assertEqual(Schema(True).make_optional().validate(None), [])

    def test_rules_run_only_on_values(self) -> None:
        rule = Warns()
        schema = Schema().with_rule(rule)
        self.assertEqual(schema.validate(None), [])
        self.assertEqual([r.code for r in schema.validate(5)], ["WARN"])
        self.assertEqual(rule.calls, [("", 5)])
        self.assertIs(schema.rules[0], rule)

    def test_exceptions(self) -> None:
        required = Schema(required=True)
        self.assertIsNone(required.validate_and_return_exception("c", 1))
        error = required.validate_and_return_exception("c", None)
        self.assertIsInstance(error, ValidationException)
        self.assertEqual(error.correlation_id, "c")
        raised = self.assertRaises(ValidationException, required.validate_and_throw_exception, "c", None)
        self.assertEqual([r.code for r in raised.results], ["VALUE_IS_NULL"])
        required.validate_and_throw_exception("c", "fine")

    def test_strict_turns_warnings_into_errors(self) -> None:
        schema = Schema(rules=[Warns()])
        schema.validate_and_throw_exception("c", 1)
        self.assertIsNone(schema.validate_and_return_exception("c", 1))
        self.assertRaises(ValidationException, schema.validate_and_throw_exception, "c", 1, strict=True)
        self.assertIsNotNone(schema.validate_and_return_exception("c", 1, True))
