"""Tests for the validation rules."""

from __future__ import annotations

from typing import Any

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import (
    AndRule,
    AtLeastOneExistsRule,
    ExcludedRule,
    IJsonSchemaRule,
    IncludedRule,
    IValidationRule,
    NotRule,
    ObjectSchema,
    OnlyOneExistsRule,
    OrRule,
    PropertiesComparisonRule,
    Schema,
    ValidationResult,
    ValueComparisonRule,
)

from ..portability.strategies import Point


def codes(schema: Schema, value: Any) -> list[str]:
    return [result.code for result in schema.validate(value)]


class InterfaceTests(SynchronousTestCase):
    def test_every_rule_provides_the_interfaces(self) -> None:
        rules = [
            AndRule(), OrRule(), NotRule(IncludedRule(1)), IncludedRule(1), ExcludedRule(1),
            AtLeastOneExistsRule("a"), OnlyOneExistsRule("a"), ValueComparisonRule("EQ", 1),
            PropertiesComparisonRule("a", "EQ", "b"),
        ]
        for rule in rules:
            self.assertTrue(verifyObject(IValidationRule, rule))
            self.assertTrue(verifyObject(IJsonSchemaRule, rule))


class InclusionRuleTests(SynchronousTestCase):
    def test_included(self) -> None:
        schema = Schema(rules=[IncludedRule("altbeacon", "ibeacons", 5)])
        self.assertEqual(codes(schema, "altbeacon"), [])
        self.assertEqual(codes(schema, "5"), [])
        self.assertEqual(codes(schema, None), [])
        results = schema.validate("eddystone")
        self.assertEqual([(r.code, r.expected, r.actual) for r in results],
                         [("VALUE_NOT_INCLUDED", ["altbeacon", "ibeacons", 5], "eddystone")])
        self.assertEqual(results[0].message, 'value must be one of ["altbeacon","ibeacons",5] but found "eddystone"')

    def test_excluded(self) -> None:
        schema = Schema(rules=[ExcludedRule("root", 0)])
        self.assertEqual(codes(schema, "user"), [])
        self.assertEqual(codes(schema, "root"), ["VALUE_INCLUDED"])
        self.assertEqual(codes(schema, 0.0), ["VALUE_INCLUDED"])


class LogicalRuleTests(SynchronousTestCase):
    def test_and(self) -> None:
        schema = Schema(rules=[AndRule(ValueComparisonRule("GE", 1), ValueComparisonRule("LE", 10))])
        self.assertEqual(codes(schema, 5), [])
        self.assertEqual(codes(schema, 0), ["BAD_VALUE"])
        self.assertEqual(codes(schema, 11), ["BAD_VALUE"])
        both = Schema(rules=[AndRule(IncludedRule(1), ExcludedRule(2))])
        self.assertEqual(codes(both, 2), ["VALUE_NOT_INCLUDED", "VALUE_INCLUDED"])

    def test_or(self) -> None:
        schema = Schema(rules=[OrRule(ValueComparisonRule("LT", 1), ValueComparisonRule("GT", 10))])
        self.assertEqual(codes(schema, 0), [])
        self.assertEqual(codes(schema, 11), [])
        self.assertEqual(codes(schema, 5), ["BAD_VALUE", "BAD_VALUE"])
        self.assertEqual(codes(Schema(rules=[OrRule()]), 5), [])

    def test_not(self) -> None:
        schema = Schema(rules=[NotRule(IncludedRule("a", "b"))])
        self.assertEqual(codes(schema, "c"), [])
        results = schema.validate("a")
        self.assertEqual([(r.code, r.actual) for r in results], [("NOT_FAILED", "a")])


class ExistenceRuleTests(SynchronousTestCase):
    def test_at_least_one(self) -> None:
        schema = ObjectSchema(allow_undefined=True, rules=[AtLeastOneExistsRule("id", "udi")])
        self.assertEqual(codes(schema, {"id": 1}), [])
        self.assertEqual(codes(schema, {"id": 1, "udi": 2}), [])
        by_attributes = ObjectSchema(allow_undefined=True, rules=[AtLeastOneExistsRule("x", "y")])
        self.assertEqual(codes(by_attributes, Point(None, 1)), [])
        self.assertEqual(codes(by_attributes, Point(None, None)), ["VALUE_NULL"])
        results = schema.validate({"id": None, "other": 1})
        self.assertEqual([(r.code, r.expected) for r in results], [("VALUE_NULL", ["id", "udi"])])
        self.assertEqual(codes(schema, "text"), ["VALUE_NULL", "TYPE_MISMATCH"])

    def test_only_one(self) -> None:
        schema = ObjectSchema(allow_undefined=True, rules=[OnlyOneExistsRule("id", "udi")])
        self.assertEqual(codes(schema, {"udi": "x"}), [])
        self.assertEqual(codes(schema, {}), ["VALUE_NULL"])
        results = schema.validate({"id": 1, "udi": 2})
        self.assertEqual([(r.code, r.actual) for r in results], [("VALUE_ONLY_ONE", ["id", "udi"])])


class ComparisonRuleTests(SynchronousTestCase):
    def test_value_comparison(self) -> None:
        for op, good, bad in [("EQ", 5, 6), ("NE", 6, 5), ("GT", 6, 5), ("GE", 5, 4), ("LT", 4, 5), ("LE", 5, 6)]:
            schema = Schema(rules=[ValueComparisonRule(op, 5)])
            self.assertEqual(codes(schema, good), [], op)
            self.assertEqual(codes(schema, bad), ["BAD_VALUE"], op)
        like = Schema(rules=[ValueComparisonRule("LIKE", "^[0-9]{5}$")])
        self.assertEqual(codes(like, "00001"), [])
        self.assertEqual(codes(like, "0001"), ["BAD_VALUE"])
        results = Schema(rules=[ValueComparisonRule(">", 5)]).validate(1)
        self.assertEqual((results[0].expected, results[0].actual, results[0].message), (5, 1, "value must be GT 5 but found 1"))

    def test_properties_comparison(self) -> None:
        schema = (
            ObjectSchema()
            .with_optional_property("start", TypeCode.DateTime)
            .with_optional_property("end", TypeCode.DateTime)
            .with_rule(PropertiesComparisonRule("start", "LT", "end"))
        )
        self.assertEqual(codes(schema, {"start": "2020-01-01T00:00:00Z", "end": "2020-01-02T00:00:00Z"}), [])
        results = schema.validate({"start": 5, "end": 1})
        self.assertIn("PROPERTIES_NOT_MATCH", [r.code for r in results])
        self.assertEqual(codes(ObjectSchema(True, rules=[PropertiesComparisonRule("a", "EQ", "b")]), {"a": 1, "b": "1"}),
                         [])

    def test_rule_paths(self) -> None:
        schema = ObjectSchema().with_optional_property("type", TypeCode.String, IncludedRule("a"))
        results: list[ValidationResult] = schema.validate({"type": "b"})
        self.assertEqual([(r.path, r.message) for r in results], [("type", 'type must be one of ["a"] but found "b"')])
