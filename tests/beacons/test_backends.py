"""Every beacons persistence passes the conformance kit and filters beacons the same way."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from twisted.trial.unittest import TestCase

from examples.beacons.data import FIXTURES
from examples.beacons.persistence import BeaconsMemoryPersistence
from examples.beacons.persistence_file import BeaconsFilePersistence
from examples.beacons.persistence_mongodb import BeaconsMongoDbPersistence
from examples.beacons.persistence_sql import BeaconsMySqlPersistence, BeaconsPostgresPersistence
from pipservices_tx.config import ConfigParams
from pipservices_tx.data import FilterParams, PagingParams
from pipservices_tx.testing import PersistenceConformanceMixin
from tests.persistence_mongodb._base import config_for
from tests.persistence_mongodb._emulated_mongo import EmulatedMongo
from tests.persistence_mongodb._mock_mongo import mock_server
from tests.persistence_sql._support import (
    drop_table,
    mysql_config,
    postgres_config,
    require_mysql,
    require_postgres,
    unique_table,
)


class BeaconsFilterBehaviour:
    """The beacons filters of docs/protocol.rst, section 7, on any backend."""

    async def make_persistence(self) -> Any:
        raise NotImplementedError

    async def _loaded(self) -> Any:
        persistence = await self.make_persistence()
        for item in FIXTURES:
            await persistence.create(None, item)
        return persistence

    async def test_site_filter_and_total(self) -> None:
        persistence = await self._loaded()
        page = await persistence.get_page_by_filter(None, FilterParams.from_tuples("site_id", "1"),
                                                    PagingParams(total=True))
        self.assertEqual(sorted(item["id"] for item in page.data), ["1", "2"])  # type: ignore[attr-defined]
        self.assertEqual(page.total, 2)  # type: ignore[attr-defined]

    async def test_udis_as_text_and_list(self) -> None:
        persistence = await self._loaded()
        for udis in ("00001,00003", ["00001", "00003"]):
            items = await persistence.get_list_by_filter(None, FilterParams.from_value({"udis": udis}))
            self.assertEqual(sorted(item["udi"] for item in items), ["00001", "00003"])  # type: ignore[attr-defined]
        items = await persistence.get_list_by_filter(None, FilterParams.from_value({"site_id": "1", "udis": "00003"}))
        self.assertEqual(items, [])  # type: ignore[attr-defined]

    async def test_by_udi_and_nested_values_round_trip(self) -> None:
        persistence = await self._loaded()
        beacon = await persistence.get_one_by_udi(None, "00002")
        self.assertEqual(beacon, FIXTURES[1])  # type: ignore[attr-defined]
        self.assertIsNone(await persistence.get_one_by_udi(None, "nope"))  # type: ignore[attr-defined]


class MemoryBackendTests(BeaconsFilterBehaviour, PersistenceConformanceMixin, TestCase):
    async def make_persistence(self) -> Any:
        persistence = BeaconsMemoryPersistence()
        await persistence.open(None)
        return persistence


class FileBackendTests(BeaconsFilterBehaviour, PersistenceConformanceMixin, TestCase):
    async def make_persistence(self) -> Any:
        persistence = BeaconsFilePersistence()
        persistence.configure(ConfigParams.from_tuples("path", os.path.join(tempfile.mkdtemp(), "beacons.json")))
        await persistence.open(None)
        self.addCleanup(persistence.close, None)
        return persistence


class PostgresBackendTests(BeaconsFilterBehaviour, PersistenceConformanceMixin, TestCase):
    async def make_persistence(self) -> Any:
        require_postgres()
        table = unique_table("beacons")
        persistence = BeaconsPostgresPersistence()
        persistence.configure(postgres_config(table))
        await persistence.open(None)
        self.addCleanup(drop_table, "postgres", table)
        self.addCleanup(persistence.close, None)
        return persistence


class MySqlBackendTests(BeaconsFilterBehaviour, PersistenceConformanceMixin, TestCase):
    async def make_persistence(self) -> Any:
        require_mysql()
        table = unique_table("beacons")
        persistence = BeaconsMySqlPersistence()
        persistence.configure(mysql_config(table))
        await persistence.open(None)
        self.addCleanup(drop_table, "mysql", table)
        self.addCleanup(persistence.close, None)
        return persistence


class MongoDbBackendTests(BeaconsFilterBehaviour, PersistenceConformanceMixin, TestCase):
    """Over the real wire protocol to MockupDB answering with mongomock (no MongoDB here)."""

    timeout = 30

    async def make_persistence(self) -> Any:
        server = mock_server()
        responder = server.autoresponds(EmulatedMongo().handle)
        self.addCleanup(responder.cancel)
        persistence = BeaconsMongoDbPersistence()
        persistence.configure(config_for(server.port, request_timeout=5000, max_pool_size=2))
        await persistence.open(None)
        self.addCleanup(persistence.close, None)
        return persistence
