"""Tests for EtcdConfigReader against the real etcd."""

from __future__ import annotations

import uuid

from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.boot import EtcdConfigReader
from pipservices_tx.config import ConfigParams, IConfigReader
from pipservices_tx.discovery import EtcdClient
from pipservices_tx.errors import ConfigException, ConnectionException

from ..support import require_server


class FromLocationTests(SynchronousTestCase):
    def test_location(self) -> None:
        reader = EtcdConfigReader.from_location("etcd://etcd.local:2380/config/svc.yml?format=json&timeout=1500")
        self.assertEqual((reader.base_url, reader.key, reader.format, reader.timeout),
                         ("http://etcd.local:2380", "/config/svc.yml", "json", 1.5))
        reader = EtcdConfigReader.from_location("etcds://h/k")
        self.assertEqual((reader.base_url, reader.key, reader.format), ("https://h", "/k", None))

    def test_configure(self) -> None:
        reader = EtcdConfigReader()
        verifyObject(IConfigReader, reader)
        reader.configure(ConfigParams({"connection.host": "e", "connection.port": "1", "key": "/k", "format": "json"}))
        self.assertEqual((reader.base_url, reader.key, reader.format), ("http://e:1", "/k", "json"))
        self.failureResultOf(EtcdConfigReader().read_config(None, None), ConfigException)


class RealEtcdConfigReaderTests(TestCase):
    def setUp(self) -> None:
        require_server("127.0.0.1", 2379, "etcd")
        self.key = f"/pip-services-test/{uuid.uuid4().hex}/config.yml"
        self.client = EtcdClient()

    async def tearDown(self) -> None:  # type: ignore[override]
        await self.client.delete(None, self.key)
        await self.client.close()

    async def test_reads_rendered_key(self) -> None:
        await self.client.put(None, self.key, "- descriptor: a:b:c:d:1.0\n  name: {{NAME}}\n  port: {{PORT}}\n")
        reader = EtcdConfigReader.from_location(f"etcd://127.0.0.1:2379{self.key}")
        reader.configure(ConfigParams({"key": self.key, "parameters.PORT": "8080"}))
        config = await reader.read_config("c", ConfigParams({"NAME": "beacons"}))
        self.assertEqual(config, {"0.descriptor": "a:b:c:d:1.0", "0.name": "beacons", "0.port": "8080"})

    async def test_bad_document_names_the_key(self) -> None:
        await self.client.put(None, self.key, "- [unclosed")
        with self.assertRaises(ConfigException) as e:
            await EtcdConfigReader(self.key).read_config("c", None)
        self.assertIn(self.key, e.exception.message)
        self.assertEqual(e.exception.correlation_id, "c")

    async def test_missing_key(self) -> None:
        with self.assertRaises(ConfigException) as e:
            await EtcdConfigReader(self.key).read_config("c", None)
        self.assertEqual((e.exception.code, e.exception.details), ("KEY_NOT_FOUND", {"key": self.key}))

    async def test_etcd_down(self) -> None:
        with self.assertRaises(ConnectionException):
            await EtcdConfigReader(self.key, "http://127.0.0.1:1").read_config("c", None)
