"""Tests for Descriptor: parsing, printing, matching with wildcards, equality."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import ConfigException
from pipservices_tx.refer import Descriptor


class ParseTests(SynchronousTestCase):
    def test_parse(self) -> None:
        descriptor = Descriptor.from_string("pip-services:logger:console:default:1.0")
        assert descriptor is not None
        self.assertEqual(
            (descriptor.group, descriptor.type, descriptor.kind, descriptor.name, descriptor.version),
            ("pip-services", "logger", "console", "default", "1.0"),
        )
        self.assertEqual(Descriptor.parse(" a : b :c:d:1.0 "), Descriptor("a", "b", "c", "d", "1.0"))

    def test_wildcards_and_empty_parts(self) -> None:
        descriptor = Descriptor.parse("*:logger::*:1.0")
        self.assertEqual(descriptor, Descriptor(None, "logger", None, None, "1.0"))
        self.assertFalse(descriptor.is_complete())
        self.assertTrue(Descriptor.parse("a:b:c:d:e").is_complete())

    def test_empty(self) -> None:
        self.assertIsNone(Descriptor.from_string(None))
        self.assertIsNone(Descriptor.from_string("  "))
        error = self.assertRaises(ConfigException, Descriptor.parse, "")
        self.assertEqual(error.code, "BAD_DESCRIPTOR")

    def test_wrong_number_of_parts(self) -> None:
        for text in ("a", "a:b:c:d", "a:b:c:d:e:f", "a:b:c:d:1.0:"):
            error = self.assertRaises(ConfigException, Descriptor.from_string, text)
            self.assertEqual(error.code, "BAD_DESCRIPTOR", text)
            self.assertIn(text, error.message)
            self.assertIn("group:type:kind:name:version", error.message)

    def test_not_a_string(self) -> None:
        error = self.assertRaises(ConfigException, Descriptor.from_string, 12)  # type: ignore[arg-type]
        self.assertEqual(error.code, "BAD_DESCRIPTOR")


class StrTests(SynchronousTestCase):
    def test_str(self) -> None:
        self.assertEqual(str(Descriptor("a", "b", "c", "d", "1.0")), "a:b:c:d:1.0")
        self.assertEqual(str(Descriptor("a", None, "*", "", "1.0")), "a:*:*:*:1.0")
        self.assertEqual(str(Descriptor()), "*:*:*:*:*")
        self.assertEqual(repr(Descriptor("a", "b", "c", "d", "1.0")), "Descriptor('a:b:c:d:1.0')")

    @settings(max_examples=200)
    @given(st.lists(
        st.one_of(st.none(), st.text(st.characters(blacklist_characters=":*", blacklist_categories=("Z", "C")),
                                     min_size=1, max_size=8)),
        min_size=5, max_size=5,
    ))
    def test_str_parse_round_trip(self, parts: list) -> None:
        descriptor = Descriptor(*parts)
        self.assertEqual(Descriptor.parse(str(descriptor)), descriptor)


class MatchTests(SynchronousTestCase):
    def test_exact(self) -> None:
        a = Descriptor("g", "t", "k", "n", "1.0")
        self.assertTrue(a.match(Descriptor("g", "t", "k", "n", "1.0")))
        self.assertFalse(a.match(Descriptor("g", "t", "k", "n", "2.0")))
        self.assertFalse(a.match("g:t:k:n:1.0"))

    def test_wildcards_on_either_side(self) -> None:
        complete = Descriptor("g", "t", "k", "n", "1.0")
        pattern = Descriptor(None, "t", None, None, "1.0")
        self.assertTrue(pattern.match(complete))
        self.assertTrue(complete.match(pattern))
        self.assertFalse(Descriptor(None, "x", None, None, None).match(complete))
        self.assertTrue(Descriptor().match(complete))
        self.assertTrue(Descriptor("g", None, "k", None, None).match(Descriptor(None, "t", None, "n", None)))

    def test_equality_is_exact(self) -> None:
        complete = Descriptor("g", "t", "k", "n", "1.0")
        pattern = Descriptor(None, "t", None, None, "1.0")
        self.assertNotEqual(pattern, complete)
        self.assertEqual(Descriptor("g", "*", "", None, "1.0"), Descriptor("g", None, None, None, "1.0"))
        self.assertNotEqual(complete, "g:t:k:n:1.0")
        self.assertTrue(complete.exact_match(Descriptor.parse("g:t:k:n:1.0")))
        self.assertFalse(complete.exact_match(pattern))

    def test_hash(self) -> None:
        a = Descriptor.parse("g:t:k:n:1.0")
        b = Descriptor("g", "t", "k", "n", "1.0")
        self.assertEqual(hash(a), hash(b))
        self.assertEqual(len({a, b, Descriptor.parse("g:t:*:n:1.0")}), 2)
        self.assertEqual({a: 1}[b], 1)
