"""Tests for ArraySchema."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import ArraySchema, ObjectSchema


class ArraySchemaTests(SynchronousTestCase):
    def test_items(self) -> None:
        schema = ArraySchema(TypeCode.String)
        self.assertEqual(schema.validate(["a", "b"]), [])
        self.assertEqual(schema.validate(("a",)), [])
        self.assertEqual(schema.validate([]), [])
        self.assertEqual(schema.validate(["a", None]), [])
        self.assertEqual([(r.path, r.code) for r in schema.validate(["a", 1, "c", 2.5])],
                         [("1", "TYPE_MISMATCH"), ("3", "TYPE_MISMATCH")])

    def test_paths_under_a_property(self) -> None:
        schema = ObjectSchema().with_required_property("udis", ArraySchema(TypeCode.String))
        results = schema.validate({"udis": ["00001", 2]})
        self.assertEqual([(r.path, r.message) for r in results], [("udis.1", "udis.1 must be String but found Integer")])

    def test_nested_schemas(self) -> None:
        schema = ArraySchema(ObjectSchema().with_required_property("x", TypeCode.Integer))
        self.assertEqual([(r.path, r.code) for r in schema.validate([{"x": 1}, {}, 5])],
                         [("1.x", "VALUE_IS_NULL"), ("2", "TYPE_MISMATCH")])

    def test_not_an_array(self) -> None:
        for value in ("a,b", {"a": 1}, 5):
            results = ArraySchema().validate(value)
            self.assertEqual([(r.code, r.expected) for r in results], [("TYPE_MISMATCH", "Array")], value)
        self.assertEqual(ArraySchema().validate(None), [])
        self.assertEqual([r.code for r in ArraySchema(required=True).validate(None)], ["VALUE_IS_NULL"])

    def test_untyped_items(self) -> None:
        self.assertEqual(ArraySchema().validate([1, "a", None, {}]), [])
