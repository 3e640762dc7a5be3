"""Schemas and rules on the objects pip-services3's own tests validate (their cases, ported as facts)."""

from __future__ import annotations

from typing import Any

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import (
    ArraySchema,
    AtLeastOneExistsRule,
    MapSchema,
    ObjectSchema,
    OnlyOneExistsRule,
    PropertiesComparisonRule,
    Schema,
)


class SubObject:
    def __init__(self, id: str) -> None:
        self.id = id
        self.float_field = 432.0
        self.null_property = None


class Stub:
    """Public data as class attributes and instance attributes, plus privates that must stay unseen."""

    _private_field = None
    int_field = None
    string_property = None
    null_property = None

    def __init__(self) -> None:
        self.__private_field = 124
        self._private_property = "XYZ"
        self.int_field = 12345
        self.string_property = "ABC"
        self.null_property = None
        self.int_array_property = [1, 2, 3]
        self.string_list_property = ["AAA", "BBB"]
        self.map_property = {"Key1": 111, "Key2": 222}
        self.sub_object_property = SubObject("1")
        self.sub_array_property = [SubObject("2"), SubObject("3")]


class WithProperty:
    kind = "beacon"  # a class attribute

    def __init__(self) -> None:
        self._udi = "00001"

    @property
    def udi(self) -> str:
        return self._udi


ALL_PROPERTIES = ("int_field", "string_property", "null_property", "int_array_property", "string_list_property",
                  "map_property", "sub_object_property", "sub_array_property")


def sub_schema() -> ObjectSchema:
    return (ObjectSchema().with_required_property("id", TypeCode.String)
            .with_required_property("float_field", TypeCode.Double)
            .with_optional_property("null_property", TypeCode.Map))


class RulesMatchNamesInAnyCaseTests(SynchronousTestCase):
    def test_at_least_one_exists(self) -> None:
        obj = Stub()
        self.assertEqual(Schema().with_rule(AtLeastOneExistsRule(
            "Missing_Property", "String_Property", "Null_Property")).validate(obj), [])
        self.assertEqual(Schema().with_rule(AtLeastOneExistsRule(
            "String_Property", "Null_Property", "int_Field")).validate(obj), [])
        self.assertEqual(len(Schema().with_rule(AtLeastOneExistsRule(
            "Missing_Property", "Null_Property")).validate(obj)), 1)
        self.assertEqual(Schema().with_rule(AtLeastOneExistsRule("SITE_ID")).validate({"site_id": "1"}), [])

    def test_only_one_exists(self) -> None:
        obj = Stub()
        self.assertEqual(Schema().with_rule(OnlyOneExistsRule(
            "Missing_Property", "String_Property", "Null_Property")).validate(obj), [])
        results = Schema().with_rule(OnlyOneExistsRule("String_Property", "Null_Property", "int_Field")).validate(obj)
        self.assertEqual([(r.code, r.actual) for r in results], [("VALUE_ONLY_ONE", ["String_Property", "int_Field"])])

    def test_properties_comparison(self) -> None:
        obj = Stub()
        schema = Schema().with_rule(PropertiesComparisonRule("String_Property", "EQ", "Null_Property"))
        obj.string_property = "ABC"
        obj.null_property = "ABC"
        self.assertEqual(schema.validate(obj), [])
        obj.null_property = "XYZ"
        self.assertEqual(len(schema.validate(obj)), 1)

    def test_a_set_property_wins_over_an_unset_one_in_another_case(self) -> None:
        self.assertEqual(Schema().with_rule(AtLeastOneExistsRule("udi")).validate({"UDI": "1", "udi": None}), [])


class ObjectSchemaOnObjectsTests(SynchronousTestCase):
    def test_every_public_property_is_seen_and_no_private_one(self) -> None:
        results = ObjectSchema().validate(Stub())
        self.assertEqual(sorted(r.path for r in results), sorted(ALL_PROPERTIES))
        self.assertEqual({r.code for r in results}, {"UNEXPECTED_PROPERTY"})

    def test_optional_and_required_properties(self) -> None:
        optional, required = ObjectSchema(), ObjectSchema()
        for name in ALL_PROPERTIES:
            optional.with_optional_property(name, None)
            required.with_required_property(name, None)
        self.assertEqual(optional.validate(Stub()), [])
        obj = Stub()
        obj.sub_array_property = None
        self.assertEqual(sorted(r.path for r in required.validate(obj)), ["null_property", "sub_array_property"])

    def test_types_and_sub_schemas(self) -> None:
        schema = (ObjectSchema()
                  .with_required_property("int_field", TypeCode.Long)
                  .with_required_property("string_property", TypeCode.String)
                  .with_optional_property("null_property", TypeCode.Object)
                  .with_required_property("int_array_property", ArraySchema(TypeCode.Long))
                  .with_required_property("string_list_property", ArraySchema(TypeCode.String))
                  .with_required_property("map_property", MapSchema(TypeCode.String, TypeCode.Long))
                  .with_required_property("sub_object_property", sub_schema())
                  .with_required_property("sub_array_property", ArraySchema(sub_schema())))
        self.assertEqual(schema.validate(Stub()), [])

    def test_properties_and_class_attributes(self) -> None:
        schema = ObjectSchema().with_required_property("udi", TypeCode.String).with_required_property(
            "kind", TypeCode.String)
        self.assertEqual(schema.validate(WithProperty()), [])
        strict: Any = ObjectSchema().with_required_property("udi", TypeCode.String)
        self.assertEqual([(r.path, r.code) for r in strict.validate(WithProperty())],
                         [("kind", "UNEXPECTED_PROPERTY")])
