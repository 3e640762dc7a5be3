"""Tests for L{pipservices_tx.logic.CacheKeys}."""

from __future__ import annotations

from typing import Any, Optional

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.data import PagingParams
from pipservices_tx.errors import ConfigException
from pipservices_tx.logic import CacheKeys


def get_page(correlation_id: Optional[str], filter: Any, paging: Any = None) -> None:
    return None


class CacheKeysTests(SynchronousTestCase):
    def test_default_template(self) -> None:
        keys = CacheKeys("p", "get_page", get_page)
        self.assertEqual(keys.key(("c", {"b": 1, "a": 2}), {}), 'p:get_page:{"filter":{"a":2,"b":1},"paging":null}')

    def test_positional_and_keyword_calls_give_one_key(self) -> None:
        keys = CacheKeys("p", "get_page", get_page)
        self.assertEqual(keys.key(("c1", {"a": 1}), {}), keys.key((), {"correlation_id": "c2", "filter": {"a": 1}}))

    def test_values_with_to_json(self) -> None:
        keys = CacheKeys("p", "get_page", get_page, "{args}")
        paging = PagingParams(0, 10, True)
        self.assertIn('"paging":{', keys.key((None, None, paging), {}))

    def test_template_fields_must_be_parameters(self) -> None:
        self.assertRaises(ConfigException, CacheKeys, "p", "get_page", get_page, "{id}")
        self.assertEqual(CacheKeys("p", "m", get_page, "{method}-{filter[a]}").key((None, {"a": 5}), {}), "m-5")

    def test_unintrospectable_method(self) -> None:
        keys = CacheKeys("p", "max", max)
        self.assertEqual(keys.key(("x", "y"), {}), 'p:max:{"0":"x","1":"y"}')

    @settings(max_examples=200)
    @given(st.dictionaries(st.text(), st.integers()), st.text(), st.text())
    def test_correlation_id_never_changes_the_key(self, filter: dict, cid1: str, cid2: str) -> None:
        keys = CacheKeys("p", "get_page", get_page)
        self.assertEqual(keys.key((cid1, filter), {}), keys.key((cid2, dict(filter)), {}))
