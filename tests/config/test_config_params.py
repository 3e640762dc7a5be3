"""Tests for ConfigParams: construction, sections, merging and typed getters."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams, parameters_from_pairs


class ConstructionTests(SynchronousTestCase):
    def test_values_become_strings(self) -> None:
        config = ConfigParams({"a": 1, "b": True, "c": None, "d": 1.5, "e": [1, 2]})
        self.assertEqual(config, {"a": "1", "b": "true", "c": None, "d": "1.5", "e": "1,2"})

    def test_from_tuples(self) -> None:
        config = ConfigParams.from_tuples("a", 1, "b.c", "x", "d", False, "e", None)
        self.assertEqual(config, {"a": "1", "b.c": "x", "d": "false", "e": None})
        self.assertEqual(ConfigParams.from_tuples(), {})
        # A dangling key without a value is ignored.
        self.assertEqual(ConfigParams.from_tuples("a", 1, "b"), {"a": "1"})

    def test_from_string(self) -> None:
        config = ConfigParams.from_string("a=1; b.c = two ;flag;;url=http://h/?x=1")
        self.assertEqual(config, {"a": "1", "b.c": "two", "flag": "", "url": "http://h/?x=1"})
        self.assertEqual(ConfigParams.from_string(""), {})
        self.assertEqual(ConfigParams.from_string(None), {})

    def test_from_value_nested(self) -> None:
        config = ConfigParams.from_value({
            "connection": {"host": "localhost", "port": 8080},
            "items": [{"id": "1"}, {"id": "2", "tags": ["x", "y"]}],
            "enabled": True,
            "nothing": None,
        })
        self.assertEqual(config, {
            "connection.host": "localhost",
            "connection.port": "8080",
            "items.0.id": "1",
            "items.1.id": "2",
            "items.1.tags.0": "x",
            "items.1.tags.1": "y",
            "enabled": "true",
            "nothing": None,
        })

    def test_from_value_list_at_top(self) -> None:
        config = ConfigParams.from_value([{"descriptor": "a:b:c:d:1.0"}, {"type": "X,y"}])
        self.assertEqual(config, {"0.descriptor": "a:b:c:d:1.0", "1.type": "X,y"})

    def test_from_value_copies_config_params(self) -> None:
        original = ConfigParams({"a": "1"})
        copy = ConfigParams.from_value(original)
        self.assertEqual(copy, original)
        self.assertIsNot(copy, original)

    def test_str(self) -> None:
        self.assertEqual(str(ConfigParams.from_tuples("a", 1, "b", None)), "a=1;b=")

    def test_parameters_from_pairs(self) -> None:
        self.assertEqual(
            parameters_from_pairs(["A=1", "B=2;C=3", "A=4"]),
            {"A": "4", "B": "2", "C": "3"},
        )


class SectionTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.config = ConfigParams.from_tuples(
            "connection.host", "h", "name", "svc", "connection.port", 1, "credential.user", "u",
            "connection.options.tls", True,
        )

    def test_section_names_in_order_of_first_appearance(self) -> None:
        self.assertEqual(self.config.get_section_names(), ["connection", "name", "credential"])

    def test_get_section(self) -> None:
        self.assertEqual(
            self.config.get_section("connection"),
            {"host": "h", "port": "1", "options.tls": "true"},
        )
        self.assertEqual(self.config.get_section("connection.options"), {"tls": "true"})
        self.assertEqual(self.config.get_section("missing"), {})
        self.assertIsInstance(self.config.get_section("connection"), ConfigParams)
        # A key that merely starts with the same letters is not in the section.
        self.assertEqual(ConfigParams.from_tuples("ab.c", 1).get_section("a"), {})

    def test_add_section(self) -> None:
        config = ConfigParams()
        config.add_section("options", {"retries": 3, "nested": {"x": "y"}})
        config.add_section("", {"top": "t"})
        self.assertEqual(config, {"options.retries": "3", "options.nested.x": "y", "top": "t"})
        config.add_section("more", ConfigParams.from_tuples("a.b", 1, "c", None))
        self.assertEqual(config.get_section("more"), {"a.b": "1", "c": None})

    def test_override_returns_new_map(self) -> None:
        base = ConfigParams.from_tuples("a", 1, "b", 2)
        result = base.override({"b": 3, "c": 4})
        self.assertEqual(result, {"a": "1", "b": "3", "c": "4"})
        self.assertEqual(base, {"a": "1", "b": "2"})
        self.assertEqual(base.override(None), base)

    def test_set_defaults(self) -> None:
        base = ConfigParams.from_tuples("a", 1)
        result = base.set_defaults({"a": 9, "b": 2})
        self.assertEqual(result, {"a": "1", "b": "2"})
        self.assertEqual(base, {"a": "1"})
        self.assertEqual(base.set_defaults(None), base)

    def test_merge_configs(self) -> None:
        self.assertEqual(ConfigParams.merge_configs({"a": 1}, None, {"a": 2, "b": 3}), {"a": "2", "b": "3"})


class TypedGetterTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.config = ConfigParams.from_tuples(
            "int", "42", "neg", " -7 ", "float", "2.5", "bool", "yes", "off", "false",
            "junk", "abc", "empty", "", "none", None,
        )

    def test_strings(self) -> None:
        self.assertEqual(self.config.get_as_string("int"), "42")
        self.assertEqual(self.config.get_as_string("missing"), "")
        self.assertIsNone(self.config.get_as_nullable_string("missing"))
        self.assertIsNone(self.config.get_as_nullable_string("none"))
        self.assertEqual(self.config.get_as_string_with_default("missing", "d"), "d")
        self.assertEqual(self.config.get_as_string_with_default("empty", "d"), "")

    def test_integers(self) -> None:
        self.assertEqual(self.config.get_as_integer("int"), 42)
        self.assertEqual(self.config.get_as_integer("neg"), -7)
        self.assertEqual(self.config.get_as_integer("float"), 2)
        self.assertEqual(self.config.get_as_long("int"), 42)
        self.assertEqual(self.config.get_as_integer_with_default("missing", 5), 5)
        self.assertEqual(self.config.get_as_long_with_default("int", 5), 42)
        self.assertIsNone(self.config.get_as_nullable_long("junk"))

    def test_floats(self) -> None:
        self.assertEqual(self.config.get_as_float("float"), 2.5)
        self.assertEqual(self.config.get_as_float("int"), 42.0)
        self.assertEqual(self.config.get_as_float_with_default("missing", 1.5), 1.5)
        self.assertIsNone(self.config.get_as_nullable_float("empty"))

    def test_booleans(self) -> None:
        self.assertIs(self.config.get_as_boolean("bool"), True)
        self.assertIs(self.config.get_as_boolean("off"), False)
        self.assertIs(self.config.get_as_boolean_with_default("missing", True), True)
        self.assertIs(self.config.get_as_boolean_with_default("off", True), False)
        self.assertIsNone(self.config.get_as_nullable_boolean("junk"))

    def test_junk_never_raises(self) -> None:
        for key in ("junk", "empty", "none", "missing"):
            self.assertEqual(self.config.get_as_integer(key), 0, key)
            self.assertIsNone(self.config.get_as_nullable_integer(key), key)
            self.assertEqual(self.config.get_as_integer_with_default(key, 7), 7, key)
            self.assertEqual(self.config.get_as_float(key), 0.0, key)
            self.assertIsNone(self.config.get_as_nullable_float(key), key)
            self.assertEqual(self.config.get_as_float_with_default(key, 7.5), 7.5, key)
            self.assertIs(self.config.get_as_boolean(key), False, key)
            self.assertIsNone(self.config.get_as_nullable_boolean(key), key)
            self.assertIs(self.config.get_as_boolean_with_default(key, True), True, key)

    @settings(max_examples=200)
    @given(st.text())
    def test_arbitrary_text_never_raises(self, text: str) -> None:
        config = ConfigParams({"k": text})
        config.get_as_integer("k")
        config.get_as_float("k")
        config.get_as_boolean("k")
        self.assertEqual(config.get_as_string("k"), text)


class GetAsObjectTests(SynchronousTestCase):
    def test_nested(self) -> None:
        value = {"a": {"b": ["1", {"c": "x"}]}, "d": "e"}
        config = ConfigParams.from_value(value)
        self.assertEqual(config.get_as_object(), value)
        self.assertEqual(config.get_as_object("a"), {"b": ["1", {"c": "x"}]})
        self.assertEqual(config.get_as_object("a.b"), ["1", {"c": "x"}])
        self.assertEqual(config.get_as_object("d"), "e")

    def test_missing_key(self) -> None:
        self.assertIsNone(ConfigParams.from_tuples("a.b", 1).get_as_object("missing"))

    def test_gap_in_indexes_keeps_a_map(self) -> None:
        config = ConfigParams.from_tuples("l.0", "a", "l.2", "c")
        self.assertEqual(config.get_as_object("l"), {"0": "a", "2": "c"})

    @settings(max_examples=200)
    @given(st.recursive(
        st.text(max_size=5),
        lambda children: st.one_of(
            st.lists(children, min_size=1, max_size=4),
            st.dictionaries(st.text("abcxyz_-", min_size=1, max_size=4), children, min_size=1, max_size=4),
        ),
        max_leaves=20,
    ).filter(lambda v: isinstance(v, dict) or isinstance(v, list)))
    def test_round_trip_of_nested_strings(self, value: Any) -> None:
        self.assertEqual(ConfigParams.from_value(value).get_as_object(), value)
