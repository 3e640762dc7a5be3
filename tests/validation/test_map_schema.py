"""Tests for MapSchema and FilterParamsSchema."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import FilterParamsSchema, MapSchema, ObjectSchema

from ..portability.strategies import Plain


class MapSchemaTests(SynchronousTestCase):
    def test_keys_and_values(self) -> None:
        schema = MapSchema(TypeCode.String, TypeCode.Integer)
        self.assertEqual(schema.validate({"a": 1, "b": 2}), [])
        self.assertEqual(schema.validate({}), [])
        results = schema.validate({"a": "x", 5: 1})
        self.assertEqual([(r.path, r.expected, r.actual) for r in results],
                         [("a", "Integer", "String"), ("5", "String", "Integer")])

    def test_nested_paths(self) -> None:
        schema = ObjectSchema().with_optional_property("m", MapSchema(None, ObjectSchema().with_required_property(
            "x", TypeCode.String)))
        results = schema.validate({"m": {"k": {"x": 1}}})
        self.assertEqual([(r.path, r.code) for r in results], [("m.k.x", "TYPE_MISMATCH")])

    def test_objects_and_non_maps(self) -> None:
        self.assertEqual(MapSchema(TypeCode.String, TypeCode.Integer).validate(Plain(1)), [])
        for value in ("a=1", [1], 5):
            self.assertEqual([(r.code, r.expected) for r in MapSchema().validate(value)], [("TYPE_MISMATCH", "Map")])
        self.assertEqual([r.code for r in MapSchema(required=True).validate(None)], ["VALUE_IS_NULL"])


class FilterParamsSchemaTests(SynchronousTestCase):
    def test_any_values_with_string_keys(self) -> None:
        schema = FilterParamsSchema()
        self.assertEqual(schema.validate({"site_id": "1", "udis": ["a", "b"], "n": 5, "x": None}), [])
        self.assertEqual(schema.validate(None), [])
        self.assertEqual([r.code for r in schema.validate([1])], ["TYPE_MISMATCH"])
        self.assertEqual([r.code for r in FilterParamsSchema(required=True).validate(None)], ["VALUE_IS_NULL"])
        self.assertIsInstance(schema, MapSchema)
