# -*- test-case-name: tests.persistence_sql.test_dialects -*-
"""The SQL each dialect composes, and how it maps driver errors (no server needed)."""

from __future__ import annotations

from twisted.trial import unittest

from pipservices_tx.data import FilterParams
from pipservices_tx.errors import (
    BadRequestException,
    ConflictException,
    ConnectionException,
    InternalException,
    UnsupportedException,
)
from pipservices_tx.persistence.sql import (
    IdentifiableMySqlPersistence,
    IdentifiablePostgresPersistence,
    SqlErrorMeaning,
    and_conditions,
    or_conditions,
)
from pipservices_tx.persistence.sql._errors import MAX_MESSAGE, one_line

COLUMNS = [("id", "TEXT"), ("group", "VARCHAR(10)"), ("count", "INTEGER"), ("center", "JSON")]


class PostgresSqlTests(unittest.SynchronousTestCase):
    def test_document_filter(self) -> None:
        persistence = IdentifiablePostgresPersistence("t")
        where = persistence._where(FilterParams({"group": "a", "center": {"type": "Point"}, "id": "1", "label": None}))
        self.assertEqual(
            where,
            (
                ' WHERE (("data" ->> %s) = %s) AND (("data" #>> %s) = %s) AND ("id" = %s)'
                ' AND (("data" ->> %s) IS NULL)',
                ["group", "a", ["center", "type"], "Point", "1", "label"],
            ),
        )

    def test_column_filter_and_order(self) -> None:
        persistence = IdentifiablePostgresPersistence("t", columns=COLUMNS)
        sql, params = persistence._where({"group": "a", "count": "3", "center.type": "Point", "nothing": "x"})
        self.assertEqual(
            sql,
            ' WHERE ("group" = %s) AND (CAST("count" AS TEXT) = %s) AND ((("center")::jsonb ->> %s) = %s) AND (1 = 0)',
        )
        self.assertEqual(params, ["a", "3", "type", "Point"])
        self.assertEqual(
            persistence._order_by("-count,group", tie_break=True),
            (' ORDER BY "count" DESC NULLS LAST, "group" ASC NULLS FIRST, "id" ASC NULLS FIRST', []),
        )
        self.assertEqual(persistence._field_in("group", ["a", "b"]), ('"group" = ANY(%s::text[])', [["a", "b"]]))

    def test_statements(self) -> None:
        dialect = IdentifiablePostgresPersistence("t")._dialect
        self.assertEqual(
            dialect.insert_sql('"t"', ['"id"', '"data"'], '"id"'),
            'INSERT INTO "t" ("id", "data") VALUES (%s, %s) ON CONFLICT ("id") DO NOTHING',
        )
        self.assertEqual(
            dialect.upsert_sql('"t"', ['"id"', '"data"'], '"id"'),
            'INSERT INTO "t" ("id", "data") VALUES (%s, %s) ON CONFLICT ("id") DO UPDATE SET "data" = EXCLUDED."data"',
        )
        self.assertEqual(dialect.table_ref("s", "t"), '"s"."t"')

    def test_error_mapping(self) -> None:
        import psycopg2

        dialect = IdentifiablePostgresPersistence("t")._dialect
        lost = dialect.map_error(psycopg2.OperationalError("server closed the connection unexpectedly"), "c")
        self.assertIsInstance(lost, ConnectionException)
        self.assertEqual(lost.correlation_id, "c")
        nul = dialect.map_error(ValueError("A string literal cannot contain NUL (0x00) characters."), None)
        self.assertEqual((type(nul), nul.code), (BadRequestException, "INVALID_CHARACTER"))
        other = dialect.map_error(psycopg2.ProgrammingError("syntax error"), None)
        self.assertEqual((type(other), other.code), (InternalException, "SQL_ERROR"))
        self.assertIn("syntax error", other.message)


class MySqlSqlTests(unittest.SynchronousTestCase):
    def test_document_filter_uses_an_exact_collation(self) -> None:
        persistence = IdentifiableMySqlPersistence("t")
        persistence._dialect.collation = "utf8mb4_nopad_bin"
        sql, params = persistence._where({"group": "a"})
        self.assertEqual(
            sql,
            " WHERE JSON_UNQUOTE(JSON_EXTRACT(`data`, %s)) = %s COLLATE utf8mb4_nopad_bin"
            " AND JSON_TYPE(JSON_EXTRACT(`data`, %s)) <> 'NULL'",
        )
        self.assertEqual(params, ['$."group"', "a", '$."group"'])
        self.assertEqual(
            persistence._where(FilterParams({"center.type": None})),
            (" WHERE COALESCE(JSON_TYPE(JSON_EXTRACT(`data`, %s)), 'NULL') = 'NULL'", ['$."center"."type"']),
        )

    def test_in_and_order(self) -> None:
        persistence = IdentifiableMySqlPersistence("t", columns=COLUMNS)
        self.assertEqual(persistence._field_in("group", ["a", "b"]), ("`group` IN (%s, %s)", ["a", "b"]))
        self.assertEqual(persistence._field_in("group", []), ("1 = 0", []))
        self.assertEqual(persistence._order_by("-count", tie_break=False), (" ORDER BY `count` DESC", []))
        sql, params = IdentifiableMySqlPersistence("t")._order_by("label", tie_break=False)
        self.assertEqual(params, ['$."label"'] * 4)
        self.assertEqual(sql.count("%s"), 4)

    def test_json_fields_cannot_be_indexed_in_document_mode(self) -> None:
        with self.assertRaises(UnsupportedException):
            IdentifiableMySqlPersistence("t")._ensure_index("ix", ["group"])
        IdentifiableMySqlPersistence("t", columns=COLUMNS)._ensure_index("ix", ["group", "-count"])

    def test_error_mapping(self) -> None:
        import pymysql

        dialect = IdentifiableMySqlPersistence("t")._dialect
        duplicate = pymysql.err.IntegrityError(1062, "Duplicate entry 'x' for key 'PRIMARY'")
        self.assertTrue(dialect.is_duplicate_primary_key(duplicate))
        self.assertFalse(dialect.is_duplicate_primary_key(pymysql.err.IntegrityError(1062, "for key 'ix_udi'")))
        self.assertIsInstance(dialect.map_error(duplicate, None), ConflictException)
        self.assertIsInstance(
            dialect.map_error(pymysql.err.DataError(1406, "Data too long"), None), BadRequestException
        )
        self.assertIsInstance(
            dialect.map_error(pymysql.err.OperationalError(2013, "Lost connection"), None), ConnectionException
        )
        self.assertIsInstance(dialect.map_error(pymysql.err.InterfaceError(0, ""), None), ConnectionException)
        missing = dialect.map_error(pymysql.err.ProgrammingError(1146, "Table 'test.t' doesn't exist"), "c")
        self.assertEqual(
            (type(missing), missing.code, missing.details), (InternalException, "SQL_ERROR", {"errno": 1146})
        )


class ErrorMeaningTests(unittest.SynchronousTestCase):
    def test_one_table_for_every_dialect(self) -> None:
        cause = RuntimeError("driver")
        for code, exception_class, status in (
            ("TIMEOUT", ConnectionException, 503),
            ("CONNECTION_LOST", ConnectionException, 503),
            ("DUPLICATE_KEY", ConflictException, 409),
            ("BAD_DATA", BadRequestException, 400),
            ("INVALID_CHARACTER", BadRequestException, 400),
            ("SQL_ERROR", InternalException, 500),
            ("NOT_A_CODE", InternalException, 500),
        ):
            error = SqlErrorMeaning(code, "why", ("sqlstate", "X")).to_exception("DB", "c", cause)
            self.assertEqual((type(error), error.status, error.correlation_id), (exception_class, status, "c"))
            self.assertEqual(error.details, {"sqlstate": "X"})
            self.assertIs(error.__cause__, cause)
            self.assertIn("why", error.message)

    def test_server_words_on_one_bounded_line(self) -> None:
        self.assertEqual(one_line("server closed\n\tthe connection\n"), "server closed the connection")
        self.assertEqual(len(one_line("x" * 10000)), MAX_MESSAGE)


class ConditionTests(unittest.SynchronousTestCase):
    def test_combinations(self) -> None:
        self.assertIsNone(and_conditions(None, None))
        self.assertEqual(and_conditions(("a = %s", [1]), None), ("a = %s", [1]))
        self.assertEqual(and_conditions(("a = %s", [1]), ("b = %s", [2])), ("(a = %s) AND (b = %s)", [1, 2]))
        self.assertEqual(or_conditions(("a = %s", [1]), ("b = %s", [2])), ("(a = %s) OR (b = %s)", [1, 2]))
