"""Tests for FileDiscovery."""

import json
import os

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import ConnectionParams, FileDiscovery, IDiscovery
from pipservices_tx.errors import ConfigException, FileException


class FileDiscoveryTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.dir = self.mktemp()
        os.makedirs(self.dir)

    def _discovery(self, name: str) -> FileDiscovery:
        discovery = FileDiscovery()
        discovery.configure(ConfigParams({"path": os.path.join(self.dir, name)}))
        return discovery

    def test_interface(self) -> None:
        verifyObject(IDiscovery, FileDiscovery())

    def test_reads_yaml(self) -> None:
        with open(os.path.join(self.dir, "d.yml"), "w") as f:
            f.write("a: host=h1;port=1\nb:\n  - {host: h2, port: 2}\n  - host=h3\n")
        discovery = self._discovery("d.yml")
        self.assertEqual(self.successResultOf(discovery.resolve_one(None, "a")), {"host": "h1", "port": "1"})
        self.assertEqual([c.host for c in self.successResultOf(discovery.resolve_all(None, "b"))], ["h2", "h3"])
        self.assertIsNone(self.successResultOf(discovery.resolve_one(None, "c")))

    def test_registered_by_one_resolved_by_another(self) -> None:
        writer, reader = self._discovery("d.json"), self._discovery("d.json")
        self.assertIsNone(self.successResultOf(reader.resolve_one(None, "svc")))
        self.successResultOf(writer.register(None, "svc", ConnectionParams.from_string("host=a;port=1")))
        self.successResultOf(writer.register(None, "svc", ConnectionParams.from_string("host=a;port=1")))
        self.successResultOf(writer.register(None, "svc", ConnectionParams.from_string("host=b;port=2")))
        self.assertEqual([c.host for c in self.successResultOf(reader.resolve_all(None, "svc"))], ["a", "b"])
        with open(os.path.join(self.dir, "d.json")) as f:
            self.assertEqual(json.load(f), {"svc": [{"host": "a", "port": "1"}, {"host": "b", "port": "2"}]})
        self.assertEqual(sorted(os.listdir(self.dir)), ["d.json"])

    def test_errors(self) -> None:
        self.assertEqual(self.failureResultOf(FileDiscovery().resolve_one(None, "k"), ConfigException).value.code,
                         "NO_PATH")
        with open(os.path.join(self.dir, "bad.json"), "w") as f:
            f.write("{not json")
        error = self.failureResultOf(self._discovery("bad.json").resolve_all("c", "k"), FileException).value
        self.assertEqual((error.code, error.correlation_id), ("BAD_FILE", "c"))
        missing_dir = self._discovery(os.path.join("no", "such", "d.yml"))
        self.failureResultOf(missing_dir.register(None, "k", ConnectionParams()), FileException)
