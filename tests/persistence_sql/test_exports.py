"""The public names of pipservices_tx.persistence.sql, and that the drivers load only on demand."""

from __future__ import annotations

import subprocess
import sys

from twisted.trial.unittest import SynchronousTestCase

import pipservices_tx.persistence.sql as sql


class ExportsTests(SynchronousTestCase):
    def test_all_names_exist(self) -> None:
        self.assertEqual(
            sorted(sql.__all__),
            [
                "IdentifiableMySqlPersistence",
                "IdentifiablePostgresPersistence",
                "IdentifiableSqlPersistence",
                "MySqlDialect",
                "MySqlPersistence",
                "PostgresDialect",
                "PostgresPersistence",
                "SqlAddress",
                "SqlColumn",
                "SqlCondition",
                "SqlDialect",
                "SqlErrorMeaning",
                "SqlPersistence",
                "SqlSettings",
                "and_conditions",
                "or_conditions",
            ],
        )
        for name in sql.__all__:
            self.assertIsNotNone(getattr(sql, name))

    def test_drivers_are_optional_imports(self) -> None:
        code = (
            "import sys, pipservices_tx.persistence.sql as s; s.IdentifiablePostgresPersistence('t');"
            "s.IdentifiableMySqlPersistence('t');"
            "print(any(m in sys.modules for m in ('psycopg2', 'pymysql', 'twisted.internet.reactor')))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        self.assertEqual(out.strip(), "False")
