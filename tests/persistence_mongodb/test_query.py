# -*- test-case-name: tests.persistence_mongodb.test_query -*-
"""Queries, sorts, projections and documents built by the MongoDB persistences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial import unittest

from pipservices_tx.data import FilterParams
from pipservices_tx.errors import BadRequestException
from pipservices_tx.persistence import equality_filter
from pipservices_tx.persistence.mongodb import equality_query, literal_candidates
from pipservices_tx.persistence.mongodb._query import (
    projection_document,
    set_document,
    sort_document,
    to_document,
    to_public,
)
from pipservices_tx.portability import StringConverter

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.text(max_size=12),
    st.none(),
)


def mongo_equal(stored: object, candidate: object) -> bool:
    """Mongo's C{$eq}: numbers compare by value across int and double; strings, booleans, null by type."""
    numeric = (int, float)
    if isinstance(stored, bool) or isinstance(candidate, bool):
        return type(stored) is type(candidate) and stored == candidate
    if isinstance(stored, numeric) and isinstance(candidate, numeric):
        return stored == candidate
    return type(stored) is type(candidate) and stored == candidate


class LiteralTests(unittest.SynchronousTestCase):
    def test_candidates(self) -> None:
        self.assertEqual(literal_candidates("3"), ["3", 3])
        self.assertEqual(literal_candidates("2.5"), ["2.5", 2.5])
        self.assertEqual(literal_candidates("true"), ["true", True])
        self.assertEqual(literal_candidates("007"), ["007"])
        self.assertEqual(literal_candidates("-0"), ["-0"])
        self.assertEqual(literal_candidates("nan"), ["nan"])
        self.assertEqual(literal_candidates("99999999999999999999"), ["99999999999999999999"])
        self.assertEqual(literal_candidates(None), [None])

    @settings(max_examples=200, deadline=None)
    @given(scalars)
    def test_a_stored_scalar_matches_its_own_text_as_in_memory(self, value: object) -> None:
        """Whatever memory's string equality matches, the Mongo condition matches too."""
        text = StringConverter.to_nullable_string(value)
        self.assertTrue(equality_filter({"f": text})({"f": value}))  # type: ignore[misc]
        self.assertTrue(any(mongo_equal(value, candidate) for candidate in literal_candidates(text)))

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=20))
    def test_the_text_itself_is_always_a_candidate_and_no_candidate_is_a_document(self, text: str) -> None:
        candidates = literal_candidates(text)
        self.assertEqual(candidates[0], text)
        self.assertTrue(all(isinstance(candidate, (str, int, float, bool)) for candidate in candidates))
        condition = equality_query({"f": text})["f"]
        self.assertIn(list(condition), (["$eq"], ["$in"]))


class QueryTests(unittest.SynchronousTestCase):
    def test_equality_query(self) -> None:
        filter = FilterParams.from_tuples("id", "1", "center.type", "Point", "label", "x")
        self.assertEqual(equality_query(filter), {
            "_id": {"$in": ["1", 1]}, "center.type": {"$eq": "Point"}, "label": {"$eq": "x"},
        })
        self.assertEqual(equality_query(FilterParams()), {})

    def test_sort_and_projection(self) -> None:
        self.assertEqual(sort_document("id,-created"), {"_id": 1, "created": -1})
        self.assertIsNone(sort_document(None))
        self.assertIsNone(sort_document(""))
        self.assertEqual(projection_document("id,label"), {"_id": 1, "label": 1})
        self.assertEqual(projection_document(["label", "center(type)"]), {"label": 1, "center.type": 1, "_id": 0})
        self.assertIsNone(projection_document(None))

    def test_documents(self) -> None:
        self.assertEqual(list(to_document({"a": 1, "id": "x"})), ["_id", "a"])
        self.assertEqual(to_document({"a": 1}), {"a": 1})
        self.assertEqual(to_public({"a": 1, "_id": "x"}), {"id": "x", "a": 1})
        self.assertIsNone(to_public(None))

    def test_set_document(self) -> None:
        self.assertEqual(set_document({"id": "1", "a.b": 2, "c": [1]}), {"a.b": 2, "c": [1]})
        for bad in ({"$inc": 1}, {"a.$": 1}, {"": 1}, {"a\x00": 1}):
            self.assertRaises(BadRequestException, set_document, bad)
