# -*- test-case-name: tests.persistence_sql.test_settings -*-
"""Config keys of the SQL persistences, and the driver arguments they become."""

from __future__ import annotations

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import ConnectionParams, CredentialParams
from pipservices_tx.errors import ConfigException
from pipservices_tx.persistence.sql import MySqlDialect, PostgresDialect, SqlAddress, SqlSettings


class SettingsTests(unittest.SynchronousTestCase):
    def test_defaults(self) -> None:
        settings = SqlSettings.from_config(ConfigParams())
        self.assertEqual(settings, SqlSettings())
        self.assertEqual(
            (
                settings.auto_create,
                settings.min_pool_size,
                settings.max_pool_size,
                settings.connect_timeout_ms,
                settings.timeout_ms,
                settings.max_page_size,
            ),
            (True, 1, 10, 5000, 0, 100),
        )

    def test_from_config(self) -> None:
        config = ConfigParams.from_tuples(
            "table",
            "beacons",
            "schema",
            "app",
            "options.auto_create",
            "false",
            "options.min_pool_size",
            20,
            "options.max_pool_size",
            4,
            "options.connect_timeout",
            1500,
            "options.timeout",
            30000,
            "options.max_page_size",
            50,
        )
        settings = SqlSettings.from_config(config)
        self.assertEqual(settings, SqlSettings("beacons", "app", False, 4, 4, 1500, 30000, 50))
        self.assertEqual(SqlSettings.from_config(ConfigParams(), settings), settings, "defaults are kept")
        self.assertEqual(SqlSettings.from_config(ConfigParams.from_tuples("collection", "c")).table, "c")

    def test_bad_names_are_config_errors(self) -> None:
        for key in ("table", "schema"):
            with self.assertRaises(ConfigException):
                SqlSettings.from_config(ConfigParams.from_tuples(key, 'x"; DROP TABLE y; --'))

    def test_address_from_parts_and_credential(self) -> None:
        address = SqlAddress.from_params(
            ConnectionParams.from_tuples("host", "db.local", "port", 6543, "database", "app"),
            CredentialParams.from_tuples("username", "u", "password", "secret"),
            5432,
        )
        self.assertEqual(address, SqlAddress("db.local", 6543, "app", "u", "secret"))
        self.assertNotIn("secret", repr(address))
        self.assertEqual(SqlAddress.from_params(None, None, 3306), SqlAddress("localhost", 3306))

    def test_address_from_uri(self) -> None:
        connection = ConnectionParams.from_tuples("uri", "postgres://bob:p%40ss@10.0.0.1:5433/app?sslmode=require")
        self.assertEqual(
            SqlAddress.from_params(connection, None, 5432), SqlAddress("10.0.0.1", 5433, "app", "bob", "p@ss")
        )
        override = CredentialParams.from_tuples("username", "alice", "password", "x")
        self.assertEqual(SqlAddress.from_params(connection, override, 5432).username, "alice")
        self.assertEqual(
            SqlAddress.from_params(ConnectionParams.from_tuples("uri", "mysql://h/db"), None, 3306).port, 3306
        )

    def test_postgres_driver_arguments(self) -> None:
        address = SqlAddress("h", 5432, "db", "u", "p")
        kwargs = PostgresDialect().connect_kwargs(address, SqlSettings(connect_timeout_ms=500, timeout_ms=2500))
        self.assertEqual(
            {k: kwargs[k] for k in ("host", "port", "dbname", "user", "password", "connect_timeout")},
            {"host": "h", "port": 5432, "dbname": "db", "user": "u", "password": "p", "connect_timeout": 2},
        )
        self.assertEqual(kwargs["options"], "-c statement_timeout=2500")
        self.assertEqual(
            PostgresDialect().connect_kwargs(address, SqlSettings(connect_timeout_ms=4100))["connect_timeout"], 5
        )
        self.assertNotIn("options", PostgresDialect().connect_kwargs(SqlAddress(), SqlSettings()))

    def test_mysql_driver_arguments(self) -> None:
        from pymysql.constants import CLIENT

        kwargs = MySqlDialect().connect_kwargs(SqlAddress("h", 3306, "db", "root"), SqlSettings(connect_timeout_ms=800))
        self.assertEqual(
            (kwargs["database"], kwargs["user"], kwargs["charset"], kwargs["connect_timeout"]),
            ("db", "root", "utf8mb4", 0.8),
        )
        self.assertTrue(kwargs["client_flag"] & CLIENT.FOUND_ROWS, "UPDATE counts matched rows, not changed ones")
        self.assertEqual(kwargs["read_timeout"], 0.8, "the handshake is bounded too")
        self.assertNotIn("password", kwargs)
