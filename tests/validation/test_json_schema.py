"""Tests for the JSON Schema export."""

from __future__ import annotations

import math

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import (
    AndRule,
    ArraySchema,
    AtLeastOneExistsRule,
    ExcludedRule,
    FilterParamsSchema,
    IncludedRule,
    MapSchema,
    NotRule,
    ObjectSchema,
    OnlyOneExistsRule,
    OrRule,
    PagingParamsSchema,
    PropertiesComparisonRule,
    Schema,
    ValueComparisonRule,
)


class JsonSchemaTests(SynchronousTestCase):
    def test_object(self) -> None:
        schema = (
            ObjectSchema()
            .with_required_property("site_id", TypeCode.String)
            .with_optional_property("type", TypeCode.String, IncludedRule("altbeacon", "ibeacons"))
            .with_optional_property("center", ObjectSchema(allow_undefined=True).with_optional_property(
                "coordinates", ArraySchema(TypeCode.Double)))
            .with_optional_property("radius", "float", ValueComparisonRule("GE", 0))
            .with_optional_property("tags", MapSchema(TypeCode.String, TypeCode.Long))
            .with_optional_property("any")
        )
        self.assertEqual(
            schema.to_json_schema(),
            {
                "type": "object",
                "properties": {
                    "site_id": {"type": "string"},
                    "type": {"type": "string", "enum": ["altbeacon", "ibeacons"]},
                    "center": {
                        "type": "object",
                        "properties": {"coordinates": {"type": "array", "items": {"type": "number", "format": "double"}}},
                        "additionalProperties": True,
                    },
                    "radius": {"type": "number", "format": "double", "minimum": 0},
                    "tags": {"type": "object", "additionalProperties": {"type": "integer", "format": "int64"}},
                    "any": {},
                },
                "required": ["site_id"],
                "additionalProperties": False,
            },
        )

    def test_standard_schemas(self) -> None:
        self.assertEqual(
            PagingParamsSchema().to_json_schema(),
            {"type": "object", "properties": {"skip": {"type": "integer", "format": "int64"},
                                              "take": {"type": "integer", "format": "int64"},
                                              "total": {"type": "boolean"}},
             "additionalProperties": False},
        )
        self.assertEqual(FilterParamsSchema().to_json_schema(), {"type": "object", "additionalProperties": True})
        self.assertEqual(ArraySchema().to_json_schema(), {"type": "array"})
        self.assertEqual(Schema().to_json_schema(), {})

    def test_rules(self) -> None:
        def rule_schema(*rules: object) -> dict[str, object]:
            return Schema(rules=list(rules)).to_json_schema()  # type: ignore[arg-type]

        self.assertEqual(rule_schema(ExcludedRule("x")), {"not": {"enum": ["x"]}})
        self.assertEqual(rule_schema(ValueComparisonRule("EQ", 3)), {"enum": [3]})
        self.assertEqual(rule_schema(ValueComparisonRule("LE", 3)), {"maximum": 3})
        self.assertEqual(rule_schema(ValueComparisonRule("GT", 3)), {})
        self.assertEqual(rule_schema(ValueComparisonRule("GE", math.inf)), {})
        self.assertEqual(rule_schema(ValueComparisonRule("LIKE", "^a")), {})
        self.assertEqual(rule_schema(AndRule(ValueComparisonRule("GE", 1), ValueComparisonRule("LE", 9))),
                         {"minimum": 1, "maximum": 9})
        self.assertEqual(rule_schema(OrRule(IncludedRule(1), IncludedRule(2))), {"anyOf": [{"enum": [1]}, {"enum": [2]}]})
        self.assertEqual(rule_schema(OrRule(IncludedRule(1), ValueComparisonRule("GT", 5))), {})
        self.assertEqual(rule_schema(NotRule(IncludedRule(1))), {"not": {"enum": [1]}})
        self.assertEqual(rule_schema(NotRule(ValueComparisonRule("GT", 1))), {})
        self.assertEqual(rule_schema(AtLeastOneExistsRule("a", "b")), {"anyOf": [{"required": ["a"]}, {"required": ["b"]}]})
        self.assertEqual(rule_schema(OnlyOneExistsRule("a", "b")), {"oneOf": [{"required": ["a"]}, {"required": ["b"]}]})
        self.assertEqual(rule_schema(PropertiesComparisonRule("a", "LT", "b")), {})

    def test_clashing_rules_go_under_all_of(self) -> None:
        schema = Schema(rules=[IncludedRule(1, 2), IncludedRule(2, 3)])
        self.assertEqual(schema.to_json_schema(), {"enum": [1, 2], "allOf": [{"enum": [2, 3]}]})
