# -*- test-case-name: tests.persistence_sql.test_hostile -*-
"""Hostile values and field names: the SQL text never changes, values round-trip, bad names are refused."""

from __future__ import annotations

import random
from typing import Any

from twisted.trial import unittest

from pipservices_tx.data import FilterParams, SortParams
from pipservices_tx.errors import BadRequestException
from pipservices_tx.testing import HOSTILE_VALUES

from ._support import (
    KIT_COLUMNS,
    RecordingMySql,
    RecordingPostgres,
    drop_table,
    mysql_config,
    opened,
    postgres_config,
    require_mysql,
    require_postgres,
    unique_table,
)

EXTRA_HOSTILE = (
    '" OR 1=1 --',
    "' OR '1'='1",
    "\\",
    "\\'",
    "\\\\'; DROP TABLE x; --",
    "%s",
    "%(id)s",
    "%%",
    "$1",
    "?",
    "`; DROP TABLE x; --`",
    "*/ SELECT 1 /*",
    "\x1a\x08\r\n",
    "\u2028\u2029\ufeff",
    "null",
    "trailing space ",
    "trailing space",
    "trailing space  ",
    "TRAILING SPACE",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ☃ مرحبا",
    "x" * 2000,
)
HOSTILE_NAMES = (
    "a'b",
    'a"b',
    "a`b",
    "data->>'x'",
    "id; DROP TABLE x",
    "id) OR (1=1",
    "1abc",
    "a..b",
    ".a",
    "a.",
    "a b",
    "$.a",
    "a[0]",
    "é",
    "a-b",
    "x" * 64,
    "a\x00b",
)
_CHARS = "'\"`\\%;-/*$?()[]{}:,.=<>!|&^~ \t\n\r\x0b\x0cabcXYZ019éß日本🚀\u200b\ufffd"


def random_strings(count: int, seed: int = 5) -> list[str]:
    """Short strings made of quotes, escapes, SQL punctuation and unicode (deterministic)."""
    source = random.Random(seed)
    return ["".join(source.choice(_CHARS) for _ in range(source.randint(1, 12))) for _ in range(count)]


class HostileMixin:
    persistence_class: Any
    columns: Any
    backend: str
    table: str

    def setUp(self) -> Any:
        self.require()  # type: ignore[attr-defined]
        self.table = unique_table(f"h{self.backend[:2]}")
        self.addCleanup(drop_table, self.backend, self.table)  # type: ignore[attr-defined]
        persistence = self.persistence_class(columns=self.columns)
        self.addCleanup(persistence.close, None)  # type: ignore[attr-defined]

        def keep(result: Any) -> None:
            self.persistence = result

        return opened(persistence, self.config()).addCallback(keep)  # type: ignore[attr-defined]

    def statements_of(self, persistence: Any) -> list[tuple[str, Any]]:
        found, persistence.statements = persistence.statements, []
        return found

    async def check_values(self, values: list[str]) -> None:
        persistence = self.persistence
        values = [value for value in dict.fromkeys(values)]
        for number, value in enumerate(values):
            await persistence.create(None, {"id": f"h{number}", "key": value, "content": value, "group": "g"})
        await persistence.create(None, {"id": "benign", "key": "benign", "content": "benign", "group": "g"})
        self.statements_of(persistence)
        await persistence.get_list_by_filter(None, FilterParams.from_tuples("content", "benign"))
        [(benign_sql, benign_params)] = self.statements_of(persistence)
        for number, value in enumerate(values):
            found = await persistence.get_list_by_filter(None, FilterParams.from_tuples("content", value))
            [(sql, params)] = self.statements_of(persistence)
            self.assertEqual(sql, benign_sql, f"the SQL changed for {value!r}")
            self.assertEqual(list(params), [value if p == "benign" else p for p in benign_params])
            self.assertEqual(
                [(item["id"], item["key"], item["content"]) for item in found],
                [(f"h{number}", value, value)],
                f"filter on {value!r}",
            )
            self.assertEqual((await persistence.get_one_by_id(None, f"h{number}"))["content"], value)
            self.statements_of(persistence)
        self.assertEqual(await persistence.get_count_by_filter(None, None), len(values) + 1)

    async def test_hostile_values_do_not_change_the_sql(self) -> None:
        await self.check_values([*HOSTILE_VALUES, *EXTRA_HOSTILE])

    async def test_random_punctuation_round_trips(self) -> None:
        await self.check_values(random_strings(60))

    async def test_hostile_ids_round_trip(self) -> None:
        persistence = self.persistence
        for value in ("'; DROP TABLE x; --", '" OR 1=1 --', "\\", "%s", "日本"):
            created = await persistence.create(None, {"id": value, "content": "c"})
            self.assertEqual(created["id"], value)
            self.assertEqual((await persistence.get_one_by_id(None, value))["id"], value)
            self.assertEqual([item["id"] for item in await persistence.get_list_by_ids(None, [value, "nope"])], [value])
            self.assertEqual((await persistence.update_partially(None, value, {"content": value}))["content"], value)
        self.assertEqual(await persistence.get_count_by_filter(None, None), 5)
        self.assertIsNone(await persistence.get_one_by_id(None, "' OR '1'='1"))
        await persistence.delete_by_ids(None, ["'; DROP TABLE x; --", "%s"])
        self.assertEqual(await persistence.get_count_by_filter(None, None), 3)

    async def test_hostile_field_names_are_bad_requests(self) -> None:
        persistence = self.persistence
        await persistence.create(None, {"id": "1", "content": "c"})
        self.statements_of(persistence)
        for name in HOSTILE_NAMES:
            filter, sort = FilterParams({name: "x"}), SortParams.from_value([{"name": name}])
            calls = [
                (persistence.get_list_by_filter, ("cid", filter)),
                (persistence.get_page_by_filter, ("cid", filter, None)),
                (persistence.get_count_by_filter, ("cid", {name: "x"})),
                (persistence.delete_by_filter, ("cid", FilterParams({name: None}))),
                (persistence.get_one_random, ("cid", filter)),
                (persistence.get_page_by_filter, ("cid", None, None, sort)),
                (persistence.get_list_by_filter, ("cid", None, sort)),
            ]
            for method, args in calls:
                with self.assertRaises(BadRequestException, msg=f"field {name!r}") as context:
                    await method(*args)
                self.assertEqual((context.exception.code, context.exception.correlation_id), ("BAD_FIELD", "cid"))
        self.assertEqual(self.statements_of(persistence), [], "no statement ran")
        self.assertEqual(await persistence.get_count_by_filter(None, None), 1)

    async def test_nul_character(self) -> None:
        persistence = self.persistence
        value = "a\x00b"
        if self.backend == "postgres":
            for item in ({"id": "1", "content": value}, {"id": value, "content": "c"}):
                with self.assertRaises(BadRequestException) as context:
                    await persistence.create("cid", item)
                self.assertEqual(
                    (context.exception.code, context.exception.correlation_id), ("INVALID_CHARACTER", "cid")
                )
                self.assertIn("NUL", context.exception.message)
            with self.assertRaises(BadRequestException):
                await persistence.get_list_by_filter(None, FilterParams.from_tuples("content", value))
            with self.assertRaises(BadRequestException):
                await persistence.set(None, {"id": "2", "content": "c", "key": value})
            await persistence.create(None, {"id": "3", "content": "still works"})
            self.assertEqual(await persistence.get_count_by_filter(None, None), 1)
        else:
            await self.check_values([value, "\x00", "\x00'; DROP TABLE x; --"])


class _Postgres:
    backend = "postgres"
    persistence_class = RecordingPostgres

    def require(self) -> None:
        require_postgres()

    def config(self) -> Any:
        return postgres_config(self.table)  # type: ignore[attr-defined]


class _MySql:
    backend = "mysql"
    persistence_class = RecordingMySql

    def require(self) -> None:
        require_mysql()

    def config(self) -> Any:
        return mysql_config(self.table)  # type: ignore[attr-defined]


class PostgresDocumentHostileTests(_Postgres, HostileMixin, unittest.TestCase):
    columns = None


class PostgresColumnHostileTests(_Postgres, HostileMixin, unittest.TestCase):
    columns = KIT_COLUMNS


class MySqlDocumentHostileTests(_MySql, HostileMixin, unittest.TestCase):
    columns = None


class MySqlColumnHostileTests(_MySql, HostileMixin, unittest.TestCase):
    columns = KIT_COLUMNS
