"""Tests for reader_for_location and DefaultBootFactory."""

import os

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.boot import DefaultBootFactory, EtcdConfigReader, HttpConfigReader, reader_for_location
from pipservices_tx.config import JsonConfigReader, YamlConfigReader
from pipservices_tx.refer import Descriptor


class LocationTests(SynchronousTestCase):
    def test_kinds(self) -> None:
        reader = reader_for_location("https://config.example/svc.yml")
        self.assertIsInstance(reader, HttpConfigReader)
        self.assertEqual(reader.url, "https://config.example/svc.yml")
        reader = reader_for_location("etcd://127.0.0.1:2379/config/svc")
        self.assertIsInstance(reader, EtcdConfigReader)
        self.assertEqual((reader.base_url, reader.key), ("http://127.0.0.1:2379", "/config/svc"))
        self.assertIsInstance(reader_for_location("config/config.json"), JsonConfigReader)
        self.assertIsInstance(reader_for_location("config/config.yml"), YamlConfigReader)
        reader = reader_for_location("file:///etc/svc.yaml")
        self.assertIsInstance(reader, YamlConfigReader)
        self.assertEqual(reader.path, "/etc/svc.yaml")

    def test_local_file_is_read(self) -> None:
        path = self.mktemp() + ".yml"
        with open(path, "w") as f:
            f.write("- descriptor: a:b:c:d:1.0\n  name: {{N}}\n")
        config = self.successResultOf(reader_for_location(os.path.abspath(path)).read_config(None, {"N": "x"}))
        self.assertEqual(config.get("0.name"), "x")

    def test_factory(self) -> None:
        factory = DefaultBootFactory()
        self.assertIsInstance(factory.create(Descriptor("pip-services", "config-reader", "http", "x", "1.0")),
                              HttpConfigReader)
        self.assertIsInstance(factory.create(Descriptor("pip-services", "config-reader", "etcd", "x", "1.0")),
                              EtcdConfigReader)
