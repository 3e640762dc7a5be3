"""Patterns: how pins are written, how acts find their action."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import ConfigException
from pipservices_tx.seneca import PatternTable, field_text, parse_pattern, pattern_text


class ParsePatternTests(SynchronousTestCase):
    def test_jsonic_text_and_mappings(self) -> None:
        self.assertEqual(parse_pattern("role:beacons, cmd:'get'"), {"role": "beacons", "cmd": "get"})
        self.assertEqual(parse_pattern({"role": "math", "v": 1, "on": True}), {"role": "math", "v": "1", "on": "true"})
        self.assertEqual(parse_pattern(None), {})
        self.assertEqual(parse_pattern(""), {})

    def test_malformed_patterns_are_config_errors(self) -> None:
        for bad in ("role", "role:", ":x", {"role": None}, {"role": {"a": 1}}):
            self.assertRaises(ConfigException, parse_pattern, bad)

    def test_text_is_sorted_like_seneca_prints_it(self) -> None:
        self.assertEqual(pattern_text({"role": "math", "cmd": "sum"}), "cmd:sum,role:math")

    def test_values_compare_as_javascript_prints_them(self) -> None:
        self.assertEqual([field_text(v) for v in ("a", 1, 1.0, 2.5, True, False)], ["a", "1", "1", "2.5", "true", "false"])
        self.assertEqual([field_text(v) for v in (None, [1], {"a": 1})], [None, None, None])


class PatternTableTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.table: PatternTable[str] = PatternTable()
        self.table.add({"role": "math", "cmd": "sum"}, "sum", owner="a")
        self.table.add({"role": "math", "cmd": "sum", "mode": "exact"}, "exact", owner="b")
        self.table.add({"cmd": "sum"}, "any sum", owner="b")

    def test_the_pattern_with_most_matching_fields_wins(self) -> None:
        self.assertEqual(self.table.find({"role": "math", "cmd": "sum", "left": 1}), "sum")
        self.assertEqual(self.table.find({"role": "math", "cmd": "sum", "mode": "exact"}), "exact")
        self.assertEqual(self.table.find({"role": "other", "cmd": "sum"}), "any sum")
        self.assertIsNone(self.table.find({"role": "math", "cmd": "product"}))
        self.assertIsNone(self.table.find({}))

    def test_numbers_match_their_text_and_objects_match_nothing(self) -> None:
        self.table.add({"role": "v", "version": "2"}, "v2")
        self.assertEqual(self.table.find({"role": "v", "version": 2}), "v2")
        self.assertIsNone(self.table.find({"role": {"x": 1}, "cmd": "nope"}))
        self.assertIsNone(self.table.find({"role": None, "cmd": None}))

    def test_values_other_than_text_in_patterns_of_one_field_and_of_many(self) -> None:
        self.table.add({"on": "true"}, "on")
        self.table.add({"role": "v", "version": "2.5", "on": "false"}, "v2.5 off")
        self.assertEqual(self.table.find({"on": True}), "on")
        self.assertIsNone(self.table.find({"on": "True"}))
        self.assertEqual(self.table.find({"role": "v", "version": 2.5, "on": False}), "v2.5 off")
        self.assertEqual(self.table.find({"cmd": "sum", "role": ["math"]}), "any sum")  # the list matches nothing
        self.assertIsNone(self.table.find({"cmd": {"sum": 1}}))
        self.assertIsNone(self.table.find({"on": [True]}))

    def test_same_pattern_replaces_and_owners_remove_theirs(self) -> None:
        self.table.add({"cmd": "sum", "role": "math"}, "sum again", owner="a")
        self.assertEqual(self.table.find({"role": "math", "cmd": "sum"}), "sum again")
        self.assertEqual(len(self.table), 3)
        self.table.remove_owner("b")
        self.assertEqual(self.table.patterns(), [{"cmd": "sum", "role": "math"}])
        self.assertIsNone(self.table.find({"role": "other", "cmd": "sum"}))
