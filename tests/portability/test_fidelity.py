"""TypeConverter and MapConverter as pip-services3's own tests expect them (ported as facts, not code)."""

from __future__ import annotations

import datetime
from typing import Any

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import DateTimeConverter, MapConverter, TypeCode, TypeConverter


class Pair:
    def __init__(self, value1: Any, value2: Any) -> None:
        self.value1 = value1
        self.value2 = value2


class WithClassAttributesAndProperties:
    """A class attribute, a property, privates and methods, as pip-services3's reflection fixture has."""

    _private_field = 123
    public_field = "ABC"
    _public_prop = datetime.datetime(2020, 1, 2, tzinfo=datetime.timezone.utc)

    def _get_private_prop(self) -> int:
        return 543

    def get_public_prop(self) -> datetime.datetime:
        return self._public_prop

    def set_public_prop(self, value: datetime.datetime) -> None:
        self._public_prop = value

    public_prop = property(get_public_prop, set_public_prop)

    @property
    def failing(self) -> int:
        raise RuntimeError("not readable")

    def public_method(self, a: int, b: int) -> int:
        return a + b


class TypeCodeOfClassesTests(SynchronousTestCase):
    def test_classes_name_the_type_of_their_values(self) -> None:
        for cls, code in (
            (str, TypeCode.String), (int, TypeCode.Integer), (float, TypeCode.Float), (bool, TypeCode.Boolean),
            (datetime.datetime, TypeCode.DateTime), (datetime.date, TypeCode.DateTime),
            (datetime.timedelta, TypeCode.Duration), (list, TypeCode.Array), (tuple, TypeCode.Array),
            (set, TypeCode.Array), (dict, TypeCode.Map), (object, TypeCode.Object), (Pair, TypeCode.Object),
            (TypeCode, TypeCode.Enum),
        ):
            self.assertEqual(TypeConverter.to_type_code(cls), code, cls)

    def test_values(self) -> None:
        for value, code in (
            (None, TypeCode.Unknown), ("123", TypeCode.String), (123, TypeCode.Integer), (2**40, TypeCode.Long),
            (123.456, TypeCode.Float), (datetime.datetime(1975, 4, 8), TypeCode.DateTime), ([], TypeCode.Array),
            ((), TypeCode.Array), ({}, TypeCode.Map), (Pair(1, 2), TypeCode.Object),
        ):
            self.assertEqual(TypeConverter.to_type_code(value), code, value)

    def test_a_class_as_the_target_of_a_conversion(self) -> None:
        self.assertEqual(TypeConverter.to_nullable_type(str, 123), "123")
        self.assertEqual(TypeConverter.to_nullable_type(int, "123"), 123)
        self.assertAlmostEqual(TypeConverter.to_nullable_type(float, 123), 123.0)
        self.assertEqual(
            TypeConverter.to_nullable_type(datetime.datetime, "1975-04-08T17:30:00.00Z"),
            DateTimeConverter.to_datetime("1975-04-08T17:30:00.00Z"),
        )
        self.assertEqual(TypeConverter.to_nullable_type(list, 123), [123])
        self.assertEqual(TypeConverter.to_type(dict, {"abc": 123}), {"abc": 123})
        self.assertEqual(TypeConverter.to_type(str, None), "")
        self.assertEqual(TypeConverter.to_type_with_default(int, None, 123), 123)
        self.assertEqual(TypeConverter.to_type_with_default(list, 123, None), [123])


class MapConverterFidelityTests(SynchronousTestCase):
    def test_plain_objects(self) -> None:
        self.assertIsNone(MapConverter.to_nullable_map(None))
        self.assertEqual(MapConverter.to_nullable_map(Pair(123, 234)), {"value1": 123, "value2": 234})
        nested = MapConverter.to_nullable_map(Pair(123, Pair(111, 222)))
        assert nested is not None
        self.assertIsInstance(nested["value2"], Pair, "one level deep")
        listed = MapConverter.to_nullable_map(Pair([Pair(111, 222)], None))
        assert listed is not None
        self.assertEqual(type(listed["value1"]), list)

    def test_class_attributes_and_properties(self) -> None:
        value = WithClassAttributesAndProperties()
        self.assertEqual(
            MapConverter.to_nullable_map(value),
            {"public_field": "ABC", "public_prop": datetime.datetime(2020, 1, 2, tzinfo=datetime.timezone.utc)},
        )
        value.public_field = "XYZ"  # the instance's own value wins
        self.assertEqual(MapConverter.to_map(value)["public_field"], "XYZ")
