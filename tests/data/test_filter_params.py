# -*- test-case-name: tests.data.test_filter_params -*-
"""FilterParams: construction from every form, typed getters, serialisation."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial import unittest

from pipservices_tx.data import FilterParams

keys = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=".;="), min_size=1, max_size=10)
values = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


class FilterParamsTests(unittest.SynchronousTestCase):
    def test_from_dict_converts_values_to_strings(self) -> None:
        params = FilterParams({"site_id": 1, "active": True, "udis": ["00001", "00002"], "none": None, "r": 1.5})
        self.assertEqual(params, {"site_id": "1", "active": "true", "udis": "00001,00002", "none": None, "r": "1.5"})

    def test_nested_maps_become_dotted_keys(self) -> None:
        self.assertEqual(FilterParams({"center": {"type": "Point"}}), {"center.type": "Point"})

    def test_from_tuples(self) -> None:
        self.assertEqual(FilterParams.from_tuples("site_id", 1, "label", "x"), {"site_id": "1", "label": "x"})

    def test_from_string(self) -> None:
        self.assertEqual(FilterParams.from_string("a=1; b = 2;;flag"), {"a": "1", "b": "2", "flag": ""})
        self.assertEqual(FilterParams.from_string("label=Tom&Jerry"), {"label": "Tom&Jerry"})
        self.assertEqual(FilterParams.from_string(None), {})

    def test_from_query(self) -> None:
        self.assertEqual(FilterParams.from_string("?site_id=1&label=x%20y"), {"site_id": "1", "label": "x y"})
        self.assertEqual(
            FilterParams.from_query("site_id=1&skip=2&take=3&empty=", exclude=("skip", "take")),
            {"site_id": "1", "empty": ""},
        )
        self.assertEqual(FilterParams.from_query(b"?a=%E6%97%A5"), {"a": "日"})

    def test_from_value(self) -> None:
        self.assertEqual(FilterParams.from_value(None), {})
        self.assertEqual(FilterParams.from_value("a=1"), {"a": "1"})
        self.assertEqual(FilterParams.from_value({"a": 1}), {"a": "1"})
        self.assertEqual(FilterParams.from_value(42), {})

    def test_json(self) -> None:
        params = FilterParams.from_json('{"site_id": "1", "udis": ["1", "2"]}')
        self.assertEqual(params, {"site_id": "1", "udis": "1,2"})
        self.assertEqual(FilterParams.from_json(params.to_json()), params)
        self.assertIsInstance(params.to_json(), dict)
        self.assertNotIsInstance(params.to_json(), FilterParams)

    def test_serialisation(self) -> None:
        params = FilterParams({"a": "x y", "b": "1&2", "c": None})
        self.assertEqual(params.to_query(), "a=x+y&b=1%262")
        self.assertEqual(str(FilterParams({"a": "1", "b": None})), "a=1;b=")

    def test_typed_getters(self) -> None:
        params = FilterParams.from_tuples("n", "12", "f", "1.5", "b", "yes", "s", "x", "list", " a, ,b ")
        self.assertEqual(params.get_as_integer("n"), 12)
        self.assertEqual(params.get_as_nullable_integer("s"), None)
        self.assertEqual(params.get_as_integer_with_default("missing", 7), 7)
        self.assertEqual(params.get_as_float("f"), 1.5)
        self.assertEqual(params.get_as_float_with_default("s", 2.5), 2.5)
        self.assertEqual(params.get_as_nullable_float("missing"), None)
        self.assertTrue(params.get_as_boolean("b"))
        self.assertIsNone(params.get_as_nullable_boolean("s"))
        self.assertTrue(params.get_as_boolean_with_default("missing", True))
        self.assertEqual(params.get_as_string("missing"), "")
        self.assertEqual(params.get_as_nullable_string("missing"), None)
        self.assertEqual(params.get_as_string_with_default("missing", "d"), "d")
        self.assertEqual(params.get_as_string_list("list"), ["a", "b"])
        self.assertIsNone(params.get_as_string_list("missing"))

    @settings(max_examples=200)
    @given(st.dictionaries(keys, values, max_size=5))
    def test_query_and_json_round_trip(self, mapping: dict[str, str]) -> None:
        params = FilterParams(mapping)
        self.assertEqual(FilterParams.from_query(params.to_query()), params)
        self.assertEqual(FilterParams.from_json(params.to_json()), params)
