"""Tests for AnyValue."""

from __future__ import annotations

import datetime

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import AnyValue, AnyValueArray, AnyValueMap, TypeCode

UTC = datetime.timezone.utc


class AnyValueTests(SynchronousTestCase):
    def test_getters(self) -> None:
        value = AnyValue("123")
        self.assertEqual(value.get_type_code(), TypeCode.String)
        self.assertEqual(value.get_as_integer(), 123)
        self.assertEqual(value.get_as_long(), 123)
        self.assertEqual(value.get_as_float(), 123.0)
        self.assertEqual(value.get_as_double(), 123.0)
        self.assertEqual(value.get_as_string(), "123")
        self.assertIsNone(value.get_as_nullable_boolean())
        self.assertIs(value.get_as_boolean_with_default(True), True)
        self.assertEqual(value.get_as_type(TypeCode.Integer), 123)
        self.assertEqual(AnyValue(0).get_as_datetime(), datetime.datetime(1970, 1, 1, tzinfo=UTC))
        self.assertEqual(AnyValue("x").get_as_integer_with_default(4), 4)

    def test_containers(self) -> None:
        self.assertEqual(AnyValue([1, 2]).get_as_array(), AnyValueArray([1, 2]))
        self.assertIsInstance(AnyValue({"a": 1}).get_as_map(), AnyValueMap)
        self.assertEqual(AnyValue({"a": 1}).get_as_map().get_as_string("a"), "1")
        self.assertEqual(AnyValue(None).get_as_map(), {})

    def test_equality(self) -> None:
        self.assertEqual(AnyValue(1), AnyValue(1))
        self.assertTrue(AnyValue(1).equals("1"))
        self.assertTrue(AnyValue(None).equals(None))
        self.assertFalse(AnyValue(None).equals(0))
        self.assertFalse(AnyValue(1).equals("2"))
        self.assertTrue(AnyValue("1.0").equals_as_type(TypeCode.Float, 1))
        self.assertEqual(hash(AnyValue([1])), hash(AnyValue([1])))

    def test_wrapping_and_setting(self) -> None:
        inner = AnyValue(5)
        self.assertEqual(AnyValue(inner).value, 5)
        value = AnyValue()
        value.set_as_object(inner)
        self.assertEqual(value.get_as_object(), 5)
        self.assertEqual(str(AnyValue(True)), "true")
        self.assertEqual(value.clone().value, 5)
