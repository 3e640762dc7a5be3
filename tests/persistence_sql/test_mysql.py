# -*- test-case-name: tests.persistence_sql.test_mysql -*-
"""The MySQL persistences (on MariaDB here) on the real server: the conformance kit in both modes, and what SQL adds."""

from __future__ import annotations

from typing import Any

from twisted.trial import unittest

from pipservices_tx.persistence.sql import IdentifiableMySqlPersistence, MySqlPersistence
from pipservices_tx.testing import PersistenceConformanceMixin

from ._backend_tests import BackendTestsMixin
from ._support import KIT_COLUMNS, RecordingMySql, drop_table, mysql_config, opened, require_mysql, unique_table


class _MySqlClass:
    """A table of its own for every test, dropped after it."""

    backend = "mysql"
    table: str

    def setUp(self) -> Any:
        self.table = unique_table("my")
        self.addCleanup(drop_table, "mysql", self.table)  # type: ignore[attr-defined]
        return super().setUp()  # type: ignore[misc]

    def config(self, table: Any = None, **extra: Any) -> Any:
        return mysql_config(table or self.table, **extra)


class MySqlDocumentConformanceTests(_MySqlClass, PersistenceConformanceMixin, unittest.TestCase):
    def make_persistence(self) -> Any:
        require_mysql()
        return opened(IdentifiableMySqlPersistence(), self.config())


class MySqlColumnConformanceTests(_MySqlClass, PersistenceConformanceMixin, unittest.TestCase):
    def make_persistence(self) -> Any:
        require_mysql()
        return opened(IdentifiableMySqlPersistence(columns=KIT_COLUMNS), self.config())


class _MySqlBackend(_MySqlClass):
    persistence_class = RecordingMySql
    base_class = MySqlPersistence

    def require(self) -> None:
        require_mysql()


class MySqlDocumentTests(_MySqlBackend, BackendTestsMixin, unittest.TestCase):
    columns = None


class MySqlColumnTests(_MySqlBackend, BackendTestsMixin, unittest.TestCase):
    columns = [*KIT_COLUMNS, ("label", "TEXT"), ("center", "JSON"), ("radius", "DOUBLE PRECISION")]
