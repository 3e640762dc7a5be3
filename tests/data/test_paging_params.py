# -*- test-case-name: tests.data.test_paging_params -*-
"""PagingParams: conversion of loose values, limits and serialisation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial import unittest

from pipservices_tx.data import PagingParams


class PagingParamsTests(unittest.SynchronousTestCase):
    def test_defaults(self) -> None:
        paging = PagingParams()
        self.assertEqual((paging.skip, paging.take, paging.total, paging.has_total), (None, None, False, False))
        self.assertEqual((paging.get_skip(0), paging.get_take(100)), (0, 100))

    def test_limits(self) -> None:
        self.assertEqual(PagingParams(-5, 500).get_skip(0), 0)
        self.assertEqual(PagingParams(5, 500).get_skip(10), 10)
        self.assertEqual(PagingParams(5, 500).get_take(100), 100)
        self.assertEqual(PagingParams(5, 20).get_take(100), 20)
        self.assertEqual(PagingParams(5, -1).get_take(100), 0)

    def test_take_zero_is_not_set(self) -> None:
        """As in pip-services3: gRPC and protobuf send 0 for a take nobody set."""
        paging = PagingParams(0, 0, False)
        self.assertEqual((paging.skip, paging.take, paging.total), (0, None, False))
        self.assertEqual(paging.get_take(100), 100)
        self.assertEqual(PagingParams.from_value({"skip": 0, "take": "0"}).take, None)
        self.assertEqual(PagingParams.from_query("take=0").get_take(50), 50)
        self.assertEqual(PagingParams(25, 50, False).get_skip(50), 50)
        self.assertEqual(PagingParams(25, 50, False).get_take(25), 25)

    def test_from_value_with_strings_and_numbers(self) -> None:
        self.assertEqual(PagingParams.from_value({"skip": "10", "take": 5.0, "total": "true"}), PagingParams(10, 5, True))
        self.assertEqual(PagingParams.from_value({"skip": "x", "total": 1}), PagingParams(None, None, True))
        self.assertEqual(PagingParams.from_value(None), PagingParams())
        paging = PagingParams(1, 2)
        self.assertIs(PagingParams.from_value(paging), paging)

    def test_query(self) -> None:
        self.assertEqual(PagingParams.from_query("?skip=1&take=2&total=yes&site_id=3"), PagingParams(1, 2, True))
        self.assertEqual(PagingParams.from_value("skip=4"), PagingParams(4))
        self.assertEqual(PagingParams(1, 2, True).to_query(), "skip=1&take=2&total=true")
        self.assertEqual(PagingParams().to_query(), "total=false")

    def test_json(self) -> None:
        self.assertEqual(PagingParams(0, 10, True).to_json(), {"skip": 0, "take": 10, "total": True})
        self.assertEqual(PagingParams().to_json(), {"total": False})
        self.assertEqual(PagingParams.from_json('{"skip": 0, "take": 10, "total": true}'), PagingParams(0, 10, True))

    def test_frozen(self) -> None:
        paging = PagingParams(1, 2)
        self.assertRaises(AttributeError, setattr, paging, "skip", 3)

    @settings(max_examples=200)
    @given(st.none() | st.integers(0, 10**9), st.none() | st.integers(0, 10**9), st.booleans())
    def test_round_trips(self, skip: int | None, take: int | None, total: bool) -> None:
        paging = PagingParams(skip, take, total)
        self.assertEqual(PagingParams.from_json(paging.to_json()), paging)
        self.assertEqual(PagingParams.from_query(paging.to_query()), paging)
