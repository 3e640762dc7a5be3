# -*- test-case-name: tests.persistence_mongodb.test_settings -*-
"""The URI, database and options a MongoDB persistence takes from its config."""

from __future__ import annotations

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import ConnectionParams, CredentialParams
from pipservices_tx.errors import ConfigException
from pipservices_tx.persistence.mongodb import MongoDbOptions, resolve_address


class AddressTests(unittest.SynchronousTestCase):
    def test_uri_as_given(self) -> None:
        address = resolve_address(ConnectionParams.from_tuples("uri", "mongodb://a:1,b:2/app?replicaSet=rs0"))
        self.assertEqual((address.uri, address.database), ("mongodb://a:1,b:2/app?replicaSet=rs0", "app"))

    def test_host_port_and_database(self) -> None:
        address = resolve_address(ConnectionParams.from_tuples("host", "db.local", "database", "app"))
        self.assertEqual(address.uri, "mongodb://db.local:27017/app")
        address = resolve_address(ConnectionParams.from_tuples("host", "db.local", "port", 27018, "database", "app"))
        self.assertEqual(address.uri, "mongodb://db.local:27018/app")

    def test_database_overrides_the_uri_path(self) -> None:
        address = resolve_address(ConnectionParams.from_tuples("uri", "mongodb://h/one", "database", "two"))
        self.assertEqual((address.uri, address.database), ("mongodb://h:27017/two", "two"))

    def test_credential_overrides_the_uri_user_and_is_masked(self) -> None:
        connection = ConnectionParams.from_tuples("uri", "mongodb://old:pw@h/app?authSource=admin")
        credential = CredentialParams.from_tuples("username", "app user", "password", "p@ss:word/")
        address = resolve_address(connection, credential)
        self.assertEqual(address.uri, "mongodb://app%20user:p%40ss%3Aword%2F@h:27017/app?authSource=admin")
        self.assertNotIn("word", address.masked_uri)

    def test_a_database_and_a_host_are_required(self) -> None:
        for connection, code in (
            (ConnectionParams.from_tuples("uri", "mongodb://h:1"), "NO_DATABASE"),
            (ConnectionParams.from_tuples("port", 1, "database", "x"), "NO_CONNECTION"),
        ):
            error = self.assertRaises(ConfigException, resolve_address, connection)
            self.assertEqual(error.code, code)


class OptionsTests(unittest.SynchronousTestCase):
    def test_defaults(self) -> None:
        self.assertEqual(MongoDbOptions.from_config(ConfigParams()), MongoDbOptions())
        self.assertEqual(MongoDbOptions().max_page_size, 100)

    def test_from_config(self) -> None:
        options = MongoDbOptions.from_config(ConfigParams.from_tuples(
            "options.max_pool_size", 7, "options.connect_timeout", 250, "options.request_timeout", 900,
            "options.max_reconnect_delay", 3000, "options.max_page_size", 20,
        ))
        self.assertEqual(options, MongoDbOptions(7, 250, 900, 3000, 20))

    def test_non_positive_values_keep_the_defaults(self) -> None:
        options = MongoDbOptions.from_config(ConfigParams.from_tuples("options.max_pool_size", 0, "options.request_timeout", -1))
        self.assertEqual(options, MongoDbOptions())
