"""Tests for AnyValueArray."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import AnyValueArray, AnyValueMap, TypeCode


class AnyValueArrayTests(SynchronousTestCase):
    def test_getters_by_index(self) -> None:
        array = AnyValueArray.from_values("1", 2.5, "true", {"a": 1}, [3])
        self.assertIsInstance(array, list)
        self.assertEqual(array.get_as_integer(0), 1)
        self.assertEqual(array.get_as_float(1), 2.5)
        self.assertIs(array.get_as_boolean(2), True)
        self.assertIsInstance(array.get_as_map(3), AnyValueMap)
        self.assertEqual(array.get_as_array(4), [3])
        self.assertEqual(array.get_as_integer(-5), 1)

    def test_out_of_range_reads_as_none(self) -> None:
        array = AnyValueArray([1])
        for index in (1, -2, 100, "0", None, True):
            self.assertIsNone(array.get_as_object(index) if index is not None else None)
            self.assertIsNone(array.get_as_nullable_integer(index))
        self.assertEqual(array.get_as_integer_with_default(5, 9), 9)
        self.assertEqual(array.get_as_object(), [1])

    def test_construction(self) -> None:
        self.assertEqual(AnyValueArray.from_value((1, 2)), [1, 2])
        self.assertEqual(AnyValueArray.from_value(None), [])
        self.assertEqual(AnyValueArray.from_value(5), [5])
        self.assertEqual(AnyValueArray.from_string("a,b,a"), ["a", "b", "a"])
        self.assertEqual(AnyValueArray.from_string("a,b,a", remove_duplicates=True), ["a", "b"])
        self.assertEqual(AnyValueArray.from_string("a;b", ";"), ["a", "b"])
        self.assertEqual(AnyValueArray.from_string(None), [])

    def test_contains(self) -> None:
        array = AnyValueArray(["1", 2])
        self.assertTrue(array.contains("1"))
        self.assertFalse(array.contains(1))
        self.assertTrue(array.contains_as_type(TypeCode.Integer, 1))
        self.assertTrue(array.contains_as_type(TypeCode.String, "2"))
        self.assertFalse(array.contains_as_type(TypeCode.Integer, 3))

    def test_clone_and_str(self) -> None:
        array = AnyValueArray([1, True])
        self.assertEqual(str(array), "1,true")
        clone = array.clone()
        clone.append(3)
        self.assertEqual(array, [1, True])
