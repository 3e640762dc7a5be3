"""Tests for ObjectSchema, PropertySchema and PagingParamsSchema."""

from __future__ import annotations

import attrs
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import (
    ArraySchema,
    ObjectSchema,
    PagingParamsSchema,
    PropertySchema,
    ValidationException,
    ValidationResult,
    ValidationResultType,
)

from ..portability.strategies import Plain


def beacon_schema() -> ObjectSchema:
    return (
        ObjectSchema()
        .with_optional_property("id", TypeCode.String)
        .with_required_property("site_id", TypeCode.String)
        .with_optional_property("type", TypeCode.String)
        .with_required_property("udi", TypeCode.String)
        .with_optional_property("label", TypeCode.String)
        .with_optional_property(
            "center",
            ObjectSchema()
            .with_required_property("type", TypeCode.String)
            .with_required_property("coordinates", ArraySchema(TypeCode.Float)),
        )
        .with_optional_property("radius", TypeCode.Float)
    )


def codes(results: list[ValidationResult]) -> list[tuple[str, str]]:
    return [(result.path, result.code) for result in results]


@attrs.define
class Paging:
    skip: object = None
    take: object = None
    total: object = None


class ObjectSchemaTests(SynchronousTestCase):
    def test_acceptance_example(self) -> None:
        """Both the missing udi and the mistyped site_id are reported, in one exception."""
        schema = ObjectSchema().with_required_property("beacon", beacon_schema())
        error = self.assertRaises(
            ValidationException, schema.validate_and_throw_exception, "123", {"beacon": {"site_id": 5}}
        )
        self.assertEqual(error.code, "INVALID_DATA")
        self.assertEqual(error.correlation_id, "123")
        results = error.details["results"]  # type: ignore[index]
        self.assertEqual(
            sorted(results, key=lambda r: r["path"]),
            [
                {"path": "beacon.site_id", "type": "Error", "code": "TYPE_MISMATCH",
                 "message": "beacon.site_id must be String but found Integer", "expected": "String",
                 "actual": "Integer"},
                {"path": "beacon.udi", "type": "Error", "code": "VALUE_IS_NULL",
                 "message": "beacon.udi must not be null", "expected": "NOT NULL", "actual": None},
            ],
        )
        self.assertIn("beacon.udi", error.message)
        self.assertIn("beacon.site_id", error.message)

    def test_valid_beacon(self) -> None:
        schema = ObjectSchema().with_required_property("beacon", beacon_schema())
        beacon = {"id": "1", "site_id": "1", "type": "altbeacon", "udi": "00001", "label": "TestBeacon1",
                  "center": {"type": "Point", "coordinates": [0, 0.5]}, "radius": 50}
        self.assertEqual(schema.validate({"beacon": beacon}), [])
        self.assertEqual(codes(schema.validate({})), [("beacon", "VALUE_IS_NULL")])
        self.assertEqual(codes(schema.validate({"beacon": None})), [("beacon", "VALUE_IS_NULL")])

    def test_nested_paths(self) -> None:
        schema = ObjectSchema().with_required_property("beacon", beacon_schema())
        beacon = {"site_id": "1", "udi": "1", "center": {"type": "Point", "coordinates": [1, "x", None]}}
        results = schema.validate({"beacon": beacon})
        self.assertEqual(codes(results), [("beacon.center.coordinates.1", "TYPE_MISMATCH")])
        self.assertEqual(results[0].message, "beacon.center.coordinates.1 must be Float but found String")

    def test_undefined_properties(self) -> None:
        schema = ObjectSchema().with_optional_property("a", TypeCode.Integer)
        results = schema.validate({"a": 1, "b": 2})
        self.assertEqual(
            results,
            [ValidationResult("b", ValidationResultType.Error, "UNEXPECTED_PROPERTY",
                              "b is not an expected property", None, "b")],
        )
        self.assertEqual(schema.allow_undefined_properties().validate({"a": 1, "b": 2}), [])
        self.assertEqual(ObjectSchema(allow_undefined=True).validate({"x": 1}), [])
        self.assertTrue(schema.allow_undefined)

    def test_not_an_object(self) -> None:
        schema = ObjectSchema()
        for value, actual in [("text", "String"), ([1], "Array"), (5, "Integer"), (True, "Boolean")]:
            self.assertEqual(
                schema.validate(value),
                [ValidationResult("", ValidationResultType.Error, "TYPE_MISMATCH",
                                  f"value must be Object but found {actual}", "Object", actual)],
            )

    def test_objects_by_attributes(self) -> None:
        schema = ObjectSchema().with_required_property("value", TypeCode.Integer)
        self.assertEqual(schema.validate(Plain(5)), [])
        self.assertEqual(codes(schema.validate(Plain("x"))), [("value", "TYPE_MISMATCH")])

    def test_required_object(self) -> None:
        self.assertEqual(codes(ObjectSchema(required=True).validate(None)), [("", "VALUE_IS_NULL")])

    def test_property_types(self) -> None:
        schema = (
            ObjectSchema()
            .with_optional_property("by_name", "int")
            .with_optional_property("by_type", str)
            .with_optional_property("anything")
        )
        self.assertEqual(schema.validate({"by_name": 1, "by_type": "s", "anything": object()}), [])
        results = schema.validate({"by_name": "1", "by_type": 2})
        self.assertEqual(
            [(r.path, r.expected, r.actual) for r in results],
            [("by_name", "int", "String"), ("by_type", "String", "Integer")],
        )

    def test_property_schema(self) -> None:
        prop = PropertySchema("x", TypeCode.Boolean, required=True)
        results: list[ValidationResult] = []
        prop.perform_validation("root", None, results)
        prop.perform_validation("", "no", results)
        self.assertEqual(codes(results), [("root.x", "VALUE_IS_NULL"), ("x", "TYPE_MISMATCH")])
        self.assertEqual(ObjectSchema().with_property(prop).properties, [prop])


class PagingParamsSchemaTests(SynchronousTestCase):
    def test_values(self) -> None:
        schema = PagingParamsSchema()
        self.assertEqual(schema.validate(None), [])
        self.assertEqual(schema.validate({}), [])
        self.assertEqual(schema.validate({"skip": 0, "take": 10, "total": True}), [])
        self.assertEqual(schema.validate(Paging(1, 2, False)), [])

    def test_strings_from_query_strings_validate_by_convertibility(self) -> None:
        schema = PagingParamsSchema()
        self.assertEqual(schema.validate({"skip": "10", "take": " 20 ", "total": "true"}), [])
        results = schema.validate({"skip": "ten", "take": "1.5", "total": "maybe"})
        self.assertEqual(
            [(r.path, r.code, r.expected, r.actual) for r in results],
            [("skip", "TYPE_MISMATCH", "Long", "String"), ("take", "TYPE_MISMATCH", "Long", "String"),
             ("total", "TYPE_MISMATCH", "Boolean", "String")],
        )

    def test_wrong_shapes(self) -> None:
        schema = PagingParamsSchema()
        self.assertEqual(codes(schema.validate({"skip": [1], "page": 1})),
                         [("skip", "TYPE_MISMATCH"), ("page", "UNEXPECTED_PROPERTY")])
        self.assertEqual(codes(schema.validate("skip=1")), [("", "TYPE_MISMATCH")])
        self.assertEqual(codes(PagingParamsSchema(required=True).validate(None)), [("", "VALUE_IS_NULL")])
