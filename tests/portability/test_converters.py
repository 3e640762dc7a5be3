"""Tests for the scalar converters: String, Boolean, Integer, Long, Float, Double."""

from __future__ import annotations

import datetime
import decimal
import fractions

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import (
    BooleanConverter,
    DoubleConverter,
    FloatConverter,
    IntegerConverter,
    LongConverter,
    StringConverter,
)

from .strategies import Exploding, cycle

UTC = datetime.timezone.utc


class StringConverterTests(SynchronousTestCase):
    def test_scalars(self) -> None:
        self.assertIsNone(StringConverter.to_nullable_string(None))
        self.assertEqual(StringConverter.to_string(None), "")
        self.assertEqual(StringConverter.to_string_with_default(None, "x"), "x")
        self.assertEqual(StringConverter.to_string(True), "true")
        self.assertEqual(StringConverter.to_string(False), "false")
        self.assertEqual(StringConverter.to_string(123), "123")
        self.assertEqual(StringConverter.to_string(b"caf\xc3\xa9"), "café")

    def test_times(self) -> None:
        self.assertEqual(StringConverter.to_string(datetime.datetime(2020, 1, 2, 3, 4, 5)), "2020-01-02T03:04:05+00:00")
        self.assertEqual(StringConverter.to_string(datetime.date(2020, 1, 2)), "2020-01-02")

    def test_lists_join_with_commas(self) -> None:
        self.assertEqual(StringConverter.to_string([1, "a", True, None]), "1,a,true,")

    def test_cycle_does_not_recurse_forever(self) -> None:
        self.assertEqual(StringConverter.to_string(cycle()), "1,")

    def test_failing_str_gives_none(self) -> None:
        self.assertIsNone(StringConverter.to_nullable_string(Exploding()))
        self.assertEqual(StringConverter.to_string_with_default(Exploding(), "?"), "?")


class BooleanConverterTests(SynchronousTestCase):
    def test_words(self) -> None:
        for word in ("true", "T", " yes ", "Y", "1", "on", b"true"):
            self.assertIs(BooleanConverter.to_nullable_boolean(word), True, word)
        for word in ("false", "F", "no", "n", "0", "OFF"):
            self.assertIs(BooleanConverter.to_nullable_boolean(word), False, word)
        self.assertIsNone(BooleanConverter.to_nullable_boolean("maybe"))

    def test_numbers(self) -> None:
        self.assertIs(BooleanConverter.to_boolean(2), True)
        self.assertIs(BooleanConverter.to_boolean(0.0), False)
        self.assertIs(BooleanConverter.to_boolean(decimal.Decimal("0.5")), True)
        self.assertIs(BooleanConverter.to_boolean(datetime.timedelta(seconds=1)), True)

    def test_nan_has_no_truth(self) -> None:
        self.assertIsNone(BooleanConverter.to_nullable_boolean(float("nan")))
        self.assertIsNone(BooleanConverter.to_nullable_boolean(decimal.Decimal("NaN")))
        self.assertIsNone(BooleanConverter.to_nullable_boolean(decimal.Decimal("sNaN")))
        self.assertIs(BooleanConverter.to_boolean_with_default(float("nan"), True), True)

    def test_objects(self) -> None:
        self.assertIsNone(BooleanConverter.to_nullable_boolean(object()))
        self.assertIs(BooleanConverter.to_boolean([1]), False)


class FloatConverterTests(SynchronousTestCase):
    def test_numbers_and_strings(self) -> None:
        self.assertEqual(FloatConverter.to_float("1.5"), 1.5)
        self.assertEqual(FloatConverter.to_float(b" 2 "), 2.0)
        self.assertEqual(FloatConverter.to_float(True), 1.0)
        self.assertEqual(FloatConverter.to_float(decimal.Decimal("0.25")), 0.25)
        self.assertEqual(FloatConverter.to_float(fractions.Fraction(1, 4)), 0.25)
        self.assertEqual(DoubleConverter.to_double("3"), 3.0)

    def test_nan_and_junk_are_none(self) -> None:
        for value in ("nan", float("nan"), "abc", object(), [1], decimal.Decimal("sNaN"), 10**400, 1j):
            self.assertIsNone(FloatConverter.to_nullable_float(value), repr(value))
        self.assertEqual(FloatConverter.to_float_with_default("abc", 7.0), 7.0)

    def test_naive_datetime_is_utc_millis(self) -> None:
        self.assertEqual(FloatConverter.to_float(datetime.datetime(1970, 1, 1, 0, 0, 1)), 1000.0)
        self.assertEqual(FloatConverter.to_float(datetime.datetime(1970, 1, 1, 1, 0, 1, tzinfo=datetime.timezone(
            datetime.timedelta(hours=1)))), 1000.0)

    def test_duration_is_millis(self) -> None:
        self.assertEqual(FloatConverter.to_float(datetime.timedelta(seconds=2)), 2000.0)


class IntegerConverterTests(SynchronousTestCase):
    def test_conversions(self) -> None:
        self.assertEqual(IntegerConverter.to_integer("42"), 42)
        self.assertEqual(IntegerConverter.to_integer(" -7 "), -7)
        self.assertEqual(IntegerConverter.to_integer("1.9"), 1)
        self.assertEqual(IntegerConverter.to_integer(-1.9), -1)
        self.assertEqual(IntegerConverter.to_integer(b"12"), 12)
        self.assertEqual(IntegerConverter.to_integer(True), 1)
        self.assertEqual(LongConverter.to_long("12345678901234567890"), 12345678901234567890)

    def test_no_meaning_is_none(self) -> None:
        for value in ("inf", float("inf"), float("nan"), "x", None, {}, "1" * 5000):
            self.assertIsNone(IntegerConverter.to_nullable_integer(value), repr(value)[:20])
        self.assertEqual(IntegerConverter.to_integer_with_default("x", 5), 5)
        self.assertEqual(LongConverter.to_long_with_default(None, 6), 6)
        self.assertEqual(IntegerConverter.to_integer(None), 0)
