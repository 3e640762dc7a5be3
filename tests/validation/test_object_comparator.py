"""Tests for ObjectComparator."""

from __future__ import annotations

import datetime

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.validation import ObjectComparator

from ..portability.strategies import Exploding

UTC = datetime.timezone.utc


class ObjectComparatorTests(SynchronousTestCase):
    def test_equality(self) -> None:
        self.assertTrue(ObjectComparator.are_equal(None, None))
        self.assertFalse(ObjectComparator.are_equal(None, 0))
        self.assertTrue(ObjectComparator.are_equal(5, "5"))
        self.assertTrue(ObjectComparator.are_equal(5, 5.0))
        self.assertTrue(ObjectComparator.are_equal("a", "a"))
        self.assertFalse(ObjectComparator.are_equal("a", "A"))
        self.assertTrue(ObjectComparator.are_equal(True, "true"))
        self.assertTrue(ObjectComparator.are_not_equal(1, 2))
        self.assertFalse(ObjectComparator.are_equal(Exploding(), 1))

    def test_order(self) -> None:
        self.assertTrue(ObjectComparator.is_less(1, "2"))
        self.assertTrue(ObjectComparator.is_greater("10", 9))
        self.assertTrue(ObjectComparator.is_less("a", "b"))
        self.assertFalse(ObjectComparator.is_less("a", 1))
        self.assertFalse(ObjectComparator.is_less(None, 1))
        early = datetime.datetime(2020, 1, 1, tzinfo=UTC)
        self.assertTrue(ObjectComparator.is_less(early, "2021-01-01T00:00:00Z"))
        self.assertTrue(ObjectComparator.is_greater(early, datetime.datetime(2019, 12, 31)))
        self.assertFalse(ObjectComparator.is_greater(early, "junk"))

    def test_compare_operators(self) -> None:
        cases = [(1, "EQ", 1), (1, "=", 1), (1, "==", "1"), (1, "NE", 2), (1, "!=", 2), (1, "<>", 2), (1, "LT", 2),
                 (1, "<", 2), (2, "LE", 2), (1, "<=", 2), (3, "GT", 2), (3, ">", 2), (2, "GE", 2), (3, ">=", 2),
                 ("Hello", "LIKE", "^h.*o$"), ("Hello", "like", "ell"), (1, "eq", 1)]
        for left, op, right in cases:
            self.assertTrue(ObjectComparator.compare(left, op, right), (left, op, right))
        for left, op, right in [(1, "EQ", 2), (2, "LT", 1), (1, "GE", 2), ("abc", "LIKE", "^b"), (1, "??", 1),
                                ("a", "LIKE", "(")]:
            self.assertFalse(ObjectComparator.compare(left, op, right), (left, op, right))
