# -*- test-case-name: tests.persistence_sql.test_names -*-
"""The names that reach SQL text are validated: tables, columns, types and field paths."""

from __future__ import annotations

from twisted.trial import unittest

from pipservices_tx.errors import BadRequestException, ConfigException
from pipservices_tx.persistence.sql import SqlColumn
from pipservices_tx.persistence.sql._columns import to_columns
from pipservices_tx.persistence.sql._names import check_identifier, check_sql_type, index_name, split_field


class NameTests(unittest.SynchronousTestCase):
    def test_field_paths(self) -> None:
        self.assertEqual(split_field("site_id"), ["site_id"])
        self.assertEqual(split_field("center.type"), ["center", "type"])
        self.assertEqual(split_field("_a1.B_2"), ["_a1", "B_2"])
        for bad in (
            "",
            ".",
            "a.",
            ".a",
            "a..b",
            "a b",
            "a'b",
            'a"b',
            "a`b",
            "a-b",
            "1a",
            "a[0]",
            "$.a",
            "é",
            "a;b",
            "a\x00",
            "x" * 64,
            ".".join("a" * 9),
            None,
            5,
        ):
            with self.assertRaises(BadRequestException, msg=repr(bad)) as context:
                split_field(bad, "cid")  # type: ignore[arg-type]
            self.assertEqual((context.exception.code, context.exception.correlation_id), ("BAD_FIELD", "cid"))
        self.assertEqual(len(split_field("x" * 63)), 1)

    def test_identifiers(self) -> None:
        self.assertEqual(check_identifier("beacons_v1"), "beacons_v1")
        for bad in ("", "1a", "a-b", "a b", 'a"', "a`", "t; DROP TABLE x", "x" * 64, None):
            with self.assertRaises(ConfigException, msg=repr(bad)):
                check_identifier(bad, "table")  # type: ignore[arg-type]

    def test_sql_types(self) -> None:
        for good in (
            "TEXT",
            "VARCHAR(64)",
            "NUMERIC(10, 2)",
            "DOUBLE PRECISION",
            "TIMESTAMP WITH TIME ZONE",
            "JSONB",
            "TEXT[]",
        ):
            self.assertEqual(check_sql_type(good), good)
        for bad in ("TEXT; DROP TABLE x", "TEXT DEFAULT 'x'", "INT)", "(1)", "TEXT -- x", ""):
            with self.assertRaises(ConfigException, msg=repr(bad)):
                check_sql_type(bad)

    def test_columns(self) -> None:
        self.assertTrue(SqlColumn("center", "JSONB").is_json)
        self.assertFalse(SqlColumn("center", "JSONB").is_text)
        self.assertTrue(SqlColumn("label", "varchar(10)").is_text)
        self.assertFalse(SqlColumn("count", "INTEGER").is_text)
        self.assertEqual(
            to_columns([("a", "TEXT"), SqlColumn("b", "INT")]), [SqlColumn("a", "TEXT"), SqlColumn("b", "INT")]
        )
        with self.assertRaises(ConfigException):
            to_columns([("a", "TEXT"), ("a", "INT")])
        with self.assertRaises(ConfigException):
            SqlColumn("a'b", "TEXT")

    def test_index_names_are_tied_to_their_table(self) -> None:
        self.assertEqual(index_name("beacons", "site_id"), "beacons_site_id")
        self.assertEqual(index_name("beacons", "beacons_site_id"), "beacons_site_id")
        self.assertEqual(index_name("x", "beacons_site_id"), "x_beacons_site_id")
        long = index_name("t" * 60, "g" * 60)
        self.assertEqual(len(long), 63)
        self.assertEqual(check_identifier(long), long)
        self.assertNotEqual(long, index_name("t" * 60, "g" * 59 + "h"), "the cut end is kept as a hash")
