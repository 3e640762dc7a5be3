# -*- test-case-name: tests.persistence_sql.test_postgres -*-
"""The PostgreSQL persistences on the real server: the conformance kit in both modes, and what SQL adds."""

from __future__ import annotations

from typing import Any

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import MemoryDiscovery
from pipservices_tx.persistence.sql import IdentifiablePostgresPersistence, PostgresPersistence
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import PersistenceConformanceMixin

from ._backend_tests import BackendTestsMixin
from ._support import (
    HOST,
    KIT_COLUMNS,
    POSTGRES_PORT,
    RecordingPostgres,
    drop_table,
    opened,
    postgres_config,
    require_postgres,
    unique_table,
)


class _PostgresClass:
    """A table of its own for every test, dropped after it."""

    backend = "postgres"
    table: str

    def setUp(self) -> Any:
        self.table = unique_table("pg")
        self.addCleanup(drop_table, "postgres", self.table)  # type: ignore[attr-defined]
        return super().setUp()  # type: ignore[misc]

    def config(self, table: Any = None, **extra: Any) -> Any:
        return postgres_config(table or self.table, **extra)


class PostgresDocumentConformanceTests(_PostgresClass, PersistenceConformanceMixin, unittest.TestCase):
    def make_persistence(self) -> Any:
        require_postgres()
        return opened(IdentifiablePostgresPersistence(), self.config())


class PostgresColumnConformanceTests(_PostgresClass, PersistenceConformanceMixin, unittest.TestCase):
    def make_persistence(self) -> Any:
        require_postgres()
        return opened(IdentifiablePostgresPersistence(columns=KIT_COLUMNS), self.config())


class _PostgresBackend(_PostgresClass):
    persistence_class = RecordingPostgres
    base_class = PostgresPersistence

    def require(self) -> None:
        require_postgres()


class PostgresDocumentTests(_PostgresBackend, BackendTestsMixin, unittest.TestCase):
    columns = None


class PostgresColumnTests(_PostgresBackend, BackendTestsMixin, unittest.TestCase):
    columns = [*KIT_COLUMNS, ("label", "TEXT"), ("center", "JSONB"), ("radius", "DOUBLE PRECISION")]


class PostgresConfigTests(unittest.TestCase):
    """A schema of its own, and an address found through discovery."""

    def setUp(self) -> None:
        require_postgres()
        self.table = unique_table("pgs")

    async def test_schema_is_created(self) -> None:
        schema = f"s_{self.table}"
        self.addCleanup(drop_table, "postgres", self.table, schema)
        persistence = IdentifiablePostgresPersistence()
        self.addCleanup(persistence.close, None)
        await opened(persistence, postgres_config(self.table, schema=schema))
        await persistence.create(None, {"id": "1"})
        found = await persistence._run(
            None,
            lambda cursor: (
                cursor.execute(
                    "SELECT COUNT(*) FROM pg_tables WHERE schemaname = %s AND tablename = %s", [schema, self.table]
                ),
                cursor.fetchone()[0],
            )[1],
        )
        self.assertEqual(found, 1)

    async def test_discovery_key(self) -> None:
        self.addCleanup(drop_table, "postgres", self.table)
        discovery = MemoryDiscovery(ConfigParams.from_tuples("main_db", f"host={HOST};port={POSTGRES_PORT}"))
        persistence = IdentifiablePostgresPersistence(self.table)
        self.addCleanup(persistence.close, None)
        persistence.configure(
            ConfigParams.from_tuples(
                "connection.discovery_key", "main_db", "connection.database", "test", "credential.username", "postgres"
            )
        )
        persistence.set_references(
            References.from_tuples(Descriptor("pip-services", "discovery", "memory", "default", "1.0"), discovery)
        )
        await persistence.open(None)
        self.assertEqual((await persistence.set(None, {"id": "d"}))["id"], "d")
