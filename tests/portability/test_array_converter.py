"""Tests for ArrayConverter."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import ArrayConverter


class ArrayConverterTests(SynchronousTestCase):
    def test_to_nullable_array(self) -> None:
        self.assertIsNone(ArrayConverter.to_nullable_array(None))
        self.assertEqual(ArrayConverter.to_nullable_array([1, 2]), [1, 2])
        self.assertEqual(ArrayConverter.to_nullable_array((1, 2)), [1, 2])
        self.assertEqual(ArrayConverter.to_nullable_array({"a": 1, "b": 2}), [1, 2])
        self.assertEqual(ArrayConverter.to_nullable_array("a,b"), ["a,b"])
        self.assertEqual(ArrayConverter.to_nullable_array(5), [5])

    def test_defaults(self) -> None:
        self.assertEqual(ArrayConverter.to_array(None), [])
        self.assertEqual(ArrayConverter.to_array_with_default(None, ["x"]), ["x"])

    def test_list_to_array_splits_commas(self) -> None:
        self.assertEqual(ArrayConverter.list_to_array("00001, 00002,00003"), ["00001", "00002", "00003"])
        self.assertEqual(ArrayConverter.list_to_array(b"a,b"), ["a", "b"])
        self.assertEqual(ArrayConverter.list_to_array(""), [])
        self.assertEqual(ArrayConverter.list_to_array(None), [])
        self.assertEqual(ArrayConverter.list_to_array(["a,b"]), ["a,b"])
        self.assertEqual(ArrayConverter.list_to_array(3), [3])
