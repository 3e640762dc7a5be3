# -*- test-case-name: tests.validation.test_compiled -*-
"""
Compiled schemas: a plan only ever says "no finding"; the findings are those
of the walk whatever the value, and a change to any schema makes plans stale.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from examples.beacons.data import beacon_schema
from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import (
    ArraySchema,
    AtLeastOneExistsRule,
    FilterParamsSchema,
    IncludedRule,
    MapSchema,
    ObjectSchema,
    PagingParamsSchema,
    PropertySchema,
    Schema,
    ValidationResult,
    ValueComparisonRule,
)

from ..portability.strategies import json_values


def walked(schema: Schema, value: Any) -> list[ValidationResult]:
    results: list[ValidationResult] = []
    schema.perform_validation("", value, results)
    return results


def compiled(schema: Schema) -> Schema:
    schema.validate(None)
    schema.validate(None)  # the second validation after the last change compiles
    return schema


def schemas() -> list[Schema]:
    return [
        ObjectSchema().with_optional_property("filter", FilterParamsSchema())
        .with_optional_property("paging", PagingParamsSchema()),
        ObjectSchema().with_optional_property("id", TypeCode.String).with_optional_property("beacon_id", TypeCode.String)
        .with_rule(AtLeastOneExistsRule("id", "beacon_id")),
        ObjectSchema().with_required_property("beacon", beacon_schema()),
        ObjectSchema(allow_undefined=True).with_required_property("n", TypeCode.Integer)
        .with_optional_property("tags", ArraySchema(TypeCode.String, required=True))
        .with_optional_property("map", MapSchema(TypeCode.String, ObjectSchema().with_required_property("x", "int"))),
        ArraySchema(ObjectSchema().with_optional_property("kind", TypeCode.String, IncludedRule("a", "b")),
                    required=True),
    ]


VALUES: list[Any] = [
    None, {}, [], "x", 1, {"id": "1"}, {"ID": "1"}, {"beacon_id": 2}, {"id": None}, {"id": "1", "extra": 1},
    {"filter": {"site_id": "1"}, "paging": {"skip": 0, "take": 100}}, {"filter": {"a": {"b": [1]}}},
    {"paging": {"skip": "10", "take": "x"}}, {"paging": {"total": "yes"}}, {"filter": "a=1"}, {"paging": []},
    {"beacon": {"site_id": "1", "udi": "u", "center": {"type": "Point", "coordinates": [1, 2.5]}}},
    {"beacon": {"site_id": "1", "udi": "u", "type": "nope"}}, {"beacon": {"site_id": 1, "udi": None}},
    {"beacon": {"site_id": "1", "udi": "u", "center": {"type": "Point", "coordinates": ["x"]}}},
    {"n": 1, "tags": ["a"], "map": {"k": {"x": 1}}}, {"n": 1.5}, {"n": 1, "tags": None}, {"n": "1"},
    {"n": 1, "map": {"k": {"x": "1"}}}, {"n": 1, "map": {"k": None}}, [{"kind": "a"}], [{"kind": "c"}], [None],
    ({"kind": "b"},), [{"kind": "a", "more": 1}],
]


class CompiledSchemaTests(SynchronousTestCase):
    def test_stock_schemas_compile(self) -> None:
        for schema in schemas():
            self.assertIsNotNone(compiled(schema)._plan, schema)
        valid = [{"filter": {"site_id": "1"}, "paging": {"skip": 0, "take": 100}}, {"beacon_id": "2"},
                 VALUES[16], {"n": 1, "tags": ["a"], "map": {"k": {"x": 1}}}, [{"kind": "a"}, {}]]
        for schema, value in zip(schemas(), valid, strict=True):
            self.assertTrue(compiled(schema)._plan(value), value)  # the plan decides the usual request alone

    def test_findings_are_those_of_the_walk(self) -> None:
        for schema in schemas():
            compiled(schema)
            for value in VALUES:
                self.assertEqual(schema.validate(value), walked(schema, value), (schema, value))

    @settings(max_examples=200, deadline=None)
    @given(st.sampled_from(range(5)), json_values)
    def test_any_value(self, index: int, value: Any) -> None:
        schema = compiled(schemas()[index])
        self.assertEqual(schema.validate(value), walked(schema, value))

    def test_unknown_rules_and_schemas_are_walked(self) -> None:
        class Custom(ObjectSchema):
            pass

        ruled = compiled(ObjectSchema().with_optional_property("n", TypeCode.Integer, ValueComparisonRule("GT", 1)))
        self.assertIsNone(ruled._plan)
        self.assertEqual([r.code for r in ruled.validate({"n": 0})], ["BAD_VALUE"])
        self.assertIsNone(compiled(Custom().with_optional_property("a", TypeCode.String))._plan)
        nested = compiled(ObjectSchema().with_optional_property("c", Custom().with_required_property("a")))
        self.assertIsNone(nested._plan)

    def test_a_change_makes_plans_stale(self) -> None:
        schema = compiled(ObjectSchema().with_optional_property("a", TypeCode.String))
        self.assertEqual(schema.validate({"a": "x"}), [])
        changes = [
            lambda: schema.with_required_property("b", TypeCode.String),
            lambda: schema.properties.append(PropertySchema("b", TypeCode.String, required=True)),
            lambda: setattr(schema.properties[0], "required", True),
            lambda: setattr(schema.properties[0], "value_type", TypeCode.Integer),
            lambda: schema.properties[0].rules.append(IncludedRule("y")),
            lambda: schema.with_rule(AtLeastOneExistsRule("z")),
            lambda: setattr(schema, "rules", [AtLeastOneExistsRule("z")]),
        ]
        values = [{"a": "x"}, {"a": "x"}, {}, {"a": "x"}, {"a": "x"}, {"a": "x"}, {"a": "x"}]
        for change, value in zip(changes, values, strict=True):
            schema = compiled(ObjectSchema().with_optional_property("a", TypeCode.String))
            self.assertEqual(schema.validate(value), [])
            change()
            compiled(schema)
            self.assertNotEqual(schema.validate(value), [], change)
            self.assertEqual(schema.validate(value), walked(schema, value))
        closed = compiled(ObjectSchema().with_optional_property("a", TypeCode.String))
        self.assertNotEqual(closed.validate({"b": 1}), [])
        closed.allow_undefined = True
        self.assertEqual(compiled(closed).validate({"b": 1}), [])
