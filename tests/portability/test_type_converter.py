"""Tests for TypeCode and TypeConverter."""

from __future__ import annotations

import datetime
import decimal

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import TypeCode, TypeConverter

from .strategies import Color, Point

UTC = datetime.timezone.utc


class TypeCodeTests(SynchronousTestCase):
    def test_pip_services_numbering(self) -> None:
        self.assertEqual(
            [(code.name, int(code)) for code in TypeCode],
            [("Unknown", 0), ("String", 1), ("Boolean", 2), ("Integer", 3), ("Long", 4), ("Float", 5),
             ("Double", 6), ("DateTime", 7), ("Duration", 8), ("Object", 9), ("Enum", 10), ("Array", 11),
             ("Map", 12)],
        )


class TypeConverterTests(SynchronousTestCase):
    def test_to_type_code(self) -> None:
        cases = [
            (None, TypeCode.Unknown), ("s", TypeCode.String), (True, TypeCode.Boolean),
            (5, TypeCode.Integer), (2**40, TypeCode.Long), (1.5, TypeCode.Float),
            (decimal.Decimal(1), TypeCode.Double), (datetime.datetime.now(UTC), TypeCode.DateTime),
            (datetime.date(2020, 1, 1), TypeCode.DateTime), (datetime.timedelta(1), TypeCode.Duration),
            (Color.RED, TypeCode.Enum), ([1], TypeCode.Array), ((1,), TypeCode.Array),
            ({"a": 1}, TypeCode.Map), (Point(), TypeCode.Object), (object(), TypeCode.Object),
        ]
        for value, code in cases:
            self.assertEqual(TypeConverter.to_type_code(value), code, repr(value))

    def test_to_nullable_type(self) -> None:
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.String, 5), "5")
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.Integer, "5"), 5)
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.Long, "5"), 5)
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.Float, "5.5"), 5.5)
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.Double, 5), 5.0)
        self.assertIs(TypeConverter.to_nullable_type(TypeCode.Boolean, "yes"), True)
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.DateTime, "2020-01-01T00:00:00Z"),
                         datetime.datetime(2020, 1, 1, tzinfo=UTC))
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.Duration, 1500), datetime.timedelta(seconds=1.5))
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.Array, 1), [1])
        self.assertEqual(TypeConverter.to_nullable_type(TypeCode.Map, Point(1, 2)), {"x": 1, "y": 2})
        marker = object()
        self.assertIs(TypeConverter.to_nullable_type(TypeCode.Object, marker), marker)
        self.assertIsNone(TypeConverter.to_nullable_type(TypeCode.Integer, "x"))
        self.assertIsNone(TypeConverter.to_nullable_type(TypeCode.Duration, True))
        self.assertIsNone(TypeConverter.to_nullable_type(TypeCode.Map, "x"))

    def test_codes_by_number_and_name(self) -> None:
        self.assertEqual(TypeConverter.to_nullable_type(3, "7"), 7)
        self.assertEqual(TypeConverter.to_nullable_type("Integer", "7"), 7)
        self.assertEqual(TypeConverter.to_nullable_type(99, "7"), "7")

    def test_to_type_defaults(self) -> None:
        self.assertEqual(TypeConverter.to_type(TypeCode.String, None), "")
        self.assertEqual(TypeConverter.to_type(TypeCode.Integer, "x"), 0)
        self.assertEqual(TypeConverter.to_type(TypeCode.Float, None), 0.0)
        self.assertIs(TypeConverter.to_type(TypeCode.Boolean, None), False)
        self.assertEqual(TypeConverter.to_type(TypeCode.DateTime, None), datetime.datetime(1970, 1, 1, tzinfo=UTC))
        self.assertEqual(TypeConverter.to_type(TypeCode.Array, None), [])
        self.assertEqual(TypeConverter.to_type(TypeCode.Map, None), {})
        self.assertEqual(TypeConverter.to_type(TypeCode.Duration, None), datetime.timedelta(0))
        self.assertIsNone(TypeConverter.to_type(TypeCode.Object, None))
        self.assertEqual(TypeConverter.to_type_with_default(TypeCode.Integer, "x", 9), 9)
        self.assertEqual(TypeConverter.to_type_with_default(TypeCode.Integer, "3", 9), 3)

    def test_to_string(self) -> None:
        self.assertEqual(TypeConverter.to_string(TypeCode.String), "String")
        self.assertEqual(TypeConverter.to_string(7), "DateTime")
        self.assertEqual(TypeConverter.to_string(None), "Unknown")
        self.assertEqual(TypeConverter.to_string("junk"), "Unknown")
