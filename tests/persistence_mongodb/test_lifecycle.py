# -*- test-case-name: tests.persistence_mongodb.test_lifecycle -*-
"""Interfaces, open and close, configuration errors, credentials, discovery and lazy imports."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.discovery import MemoryCredentialStore, MemoryDiscovery
from pipservices_tx.errors import ConfigException, InvalidStateException, UnauthorizedException
from pipservices_tx.lifecycle import ICleanable, IOpenable
from pipservices_tx.persistence import (
    IFilteredPageReader,
    IFilteredReader,
    IGetter,
    IPartialUpdater,
    ISetter,
    IWriter,
)
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence, MongoDbPersistence
from pipservices_tx.refer import Descriptor, IReferenceable, References

from ._base import WireTestCase, config_for


class InterfaceTests(WireTestCase):
    def test_plain_persistence_interfaces(self) -> None:
        persistence = MongoDbPersistence("items")
        for interface in (IConfigurable, IReferenceable, IOpenable, ICleanable, IFilteredReader, IFilteredPageReader):
            self.assertTrue(verifyObject(interface, persistence))

    def test_identifiable_persistence_interfaces(self) -> None:
        persistence = IdentifiableMongoDbPersistence("items")
        for interface in (IOpenable, ICleanable, IFilteredReader, IFilteredPageReader,
                          IGetter, ISetter, IWriter, IPartialUpdater):
            self.assertTrue(verifyObject(interface, persistence))

    def test_txmongo_is_imported_by_open_only(self) -> None:
        code = (
            "import sys\n"
            "from pipservices_tx.config import ConfigParams\n"
            "from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence\n"
            "p = IdentifiableMongoDbPersistence('items')\n"
            "p.configure(ConfigParams.from_tuples('connection.uri', 'mongodb://127.0.0.1:1/db'))\n"
            "print(sorted(name for name in ('txmongo', 'pymongo', 'bson') if name in sys.modules))\n"
        )
        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        self.assertEqual(output.strip(), "[]")


class OpenCloseTests(WireTestCase):
    async def test_calls_before_open_and_after_close_are_invalid_state(self) -> None:
        persistence = IdentifiableMongoDbPersistence()
        persistence.configure(config_for(self.server.port))
        with self.assertRaises(InvalidStateException) as raised:
            await persistence.get_one_by_id("cid", "1")
        self.assertEqual((raised.exception.code, raised.exception.correlation_id), ("NOT_OPENED", "cid"))
        self.assertFalse(persistence.is_open())
        await persistence.open(None)
        self.assertTrue(persistence.is_open())
        await persistence.open(None)  # already open: nothing happens
        self.assertEqual(self.script.names(), ["ping"])
        await persistence.close(None)
        self.assertFalse(persistence.is_open())
        with self.assertRaises(InvalidStateException):
            await persistence.create(None, {"id": "1"})
        await persistence.close(None)

    async def test_missing_configuration(self) -> None:
        cases: list[tuple[dict[str, Any], str]] = [
            ({"collection": "items"}, "NO_CONNECTION"),
            ({"connection.uri": f"mongodb://127.0.0.1:{self.server.port}/testdb"}, "NO_COLLECTION"),
            ({"connection.uri": f"mongodb://127.0.0.1:{self.server.port}", "collection": "items"}, "NO_DATABASE"),
            ({"connection.discovery_key": "nowhere", "collection": "items"}, "CANNOT_RESOLVE"),
        ]
        for values, code in cases:
            persistence = IdentifiableMongoDbPersistence()
            persistence.configure(ConfigParams(values))
            with self.assertRaises(ConfigException) as raised:
                await persistence.open("cid")
            self.assertEqual((raised.exception.code, raised.exception.correlation_id), (code, "cid"))
        self.assertEqual(self.script.requests, [])

    async def test_connection_from_discovery(self) -> None:
        discovery = MemoryDiscovery(ConfigParams({"main-db.uri": f"mongodb://127.0.0.1:{self.server.port}/testdb"}))
        persistence = IdentifiableMongoDbPersistence("items")
        persistence.set_references(References.from_tuples(Descriptor("test", "discovery", "memory", "default", "1.0"), discovery))
        persistence.configure(ConfigParams({"connection.discovery_key": "main-db"}))
        await persistence.open(None)
        self.addCleanup(persistence.close, None)
        await persistence.get_count_by_filter(None, None)
        self.assertEqual(self.script.commands("count")[0]["$db"], "testdb")


class CredentialTests(WireTestCase):
    def answer_login(self, users: list[dict[str, str]]) -> None:
        self.script.on("saslStart", lambda request: request.command_err(18, "Authentication failed."))
        self.script.on("connectionStatus", {"authInfo": {"authenticatedUsers": users, "authenticatedUserRoles": []}})

    def configure_login(self, persistence: Any, **credential: str) -> None:
        config = config_for(self.server.port)
        config.update({"credential." + key: value for key, value in credential.items()})
        persistence.configure(config)

    async def test_a_refused_login_fails_open(self) -> None:
        self.answer_login([])
        persistence = IdentifiableMongoDbPersistence()
        self.configure_login(persistence, username="app", password="secret")
        with self.assertRaises(UnauthorizedException) as raised:
            await persistence.open(None)
        self.assertEqual(raised.exception.code, "MONGODB_UNAUTHORIZED")
        self.assertNotIn("secret", str(raised.exception))
        login, status = self.script.requests
        self.assertEqual((login.command_name, login.namespace, login["mechanism"]), ("saslStart", "testdb", "SCRAM-SHA-1"))
        self.assertIn(b"n=app,", bytes(login["payload"]))
        self.assertEqual((status.command_name, status.namespace), ("connectionStatus", "admin"))

    async def test_an_accepted_login_opens(self) -> None:
        self.answer_login([{"user": "app", "db": "testdb"}])
        persistence = IdentifiableMongoDbPersistence()
        store = MemoryCredentialStore(ConfigParams({"db-login.username": "app", "db-login.password": "secret"}))
        persistence.set_references(References.from_tuples(
            Descriptor("test", "credential-store", "memory", "default", "1.0"), store
        ))
        self.configure_login(persistence, store_key="db-login")
        await persistence.open(None)
        self.addCleanup(persistence.close, None)
        self.assertEqual(self.script.names(), ["saslStart", "connectionStatus"])
        self.assertEqual(self.script.requests[0].namespace, "testdb")
