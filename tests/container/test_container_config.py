"""Tests for parse_container_config: entries, labels and mistakes."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import ComponentConfig, parse_container_config
from pipservices_tx.errors import ConfigException
from pipservices_tx.refer import Descriptor


class ParseContainerConfigTests(SynchronousTestCase):
    def test_list_of_entries(self) -> None:
        entries = parse_container_config(ConfigParams.from_value([
            {"descriptor": "a:b:c:d:1.0", "connection": {"port": 80}},
            {"type": "Thing,my.module", "name": "x"},
        ]), "conf.yml")
        self.assertEqual([entry.index for entry in entries], [0, 1])
        first, second = entries
        self.assertEqual(first.descriptor, Descriptor("a", "b", "c", "d", "1.0"))
        self.assertIsNone(first.type)
        self.assertEqual(first.config, {"descriptor": "a:b:c:d:1.0", "connection.port": "80"})
        self.assertEqual(first.label, "conf.yml, entry 1 (descriptor 'a:b:c:d:1.0')")
        self.assertEqual(first.locator, first.descriptor)
        self.assertIsNone(second.descriptor)
        self.assertEqual(second.type, "Thing,my.module")
        self.assertEqual(second.label, "conf.yml, entry 2 (type 'Thing,my.module')")
        self.assertEqual(second.locator, "Thing,my.module")

    def test_map_of_entries(self) -> None:
        entries = parse_container_config(ConfigParams.from_value({
            "logger": {"descriptor": "pip-services:logger:console:default:1.0"},
            "info": {"descriptor": "pip-services:context-info:default:default:1.0"},
        }))
        self.assertEqual([str(entry.descriptor) for entry in entries],
                         ["pip-services:logger:console:default:1.0", "pip-services:context-info:default:default:1.0"])
        self.assertEqual(entries[0].source, "<config>")

    def test_type_with_partial_descriptor(self) -> None:
        [entry] = parse_container_config(ConfigParams.from_value([{"type": "T,m", "descriptor": "a:b:*:*:1.0"}]))
        self.assertEqual(entry.type, "T,m")
        self.assertEqual(entry.label, "<config>, entry 1 (descriptor 'a:b:*:*:1.0')")

    def test_empty(self) -> None:
        self.assertEqual(parse_container_config(ConfigParams()), [])

    def _error(self, value: object) -> ConfigException:
        return self.assertRaises(ConfigException, parse_container_config, ConfigParams.from_value(value), "c.yml")

    def test_scalar_entry(self) -> None:
        error = self._error([{"descriptor": "a:b:c:d:1.0"}, "just text"])
        self.assertIn("c.yml, entry 2: expected a map", error.message)

    def test_neither_descriptor_nor_type(self) -> None:
        error = self._error([{"name": "x"}])
        self.assertIn("c.yml, entry 1: has neither 'descriptor' nor 'type'", error.message)
        self.assertEqual(error.code, "BAD_CONFIG")

    def test_bad_descriptor(self) -> None:
        error = self._error([{"descriptor": "a:b:c:d:1.0"}, {"descriptor": "a:b:c"}])
        self.assertIn("c.yml, entry 2: ", error.message)
        self.assertIn("'a:b:c'", error.message)
        self.assertEqual(error.cause, error.__cause__.message)  # type: ignore[union-attr]

    def test_wildcard_descriptor(self) -> None:
        error = self._error([{"descriptor": "a:b:*:d:1.0"}])
        self.assertIn("c.yml, entry 1: descriptor 'a:b:*:d:1.0' has wildcards", error.message)

    def test_component_config_is_a_dataclass(self) -> None:
        entry = ComponentConfig(0, None, "T,m", ConfigParams())
        self.assertEqual(entry.label, "<config>, entry 1 (type 'T,m')")
