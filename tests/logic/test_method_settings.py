"""Tests for L{pipservices_tx.logic.method_settings}."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.logic import method_settings


def read(value: object) -> dict:
    result = method_settings(ConfigParams.from_value({"methods": value}), "methods")
    return {name: dict(settings) for name, settings in (result or {}).items()}


class MethodSettingsTests(SynchronousTestCase):
    def test_absent(self) -> None:
        self.assertIsNone(method_settings(ConfigParams(), "methods"))

    def test_comma_separated(self) -> None:
        self.assertEqual(read("a, b,,c"), {"a": {}, "b": {}, "c": {}})

    def test_list(self) -> None:
        self.assertEqual(list(read([f"m{i}" for i in range(12)])), [f"m{i}" for i in range(12)])

    def test_list_of_maps(self) -> None:
        self.assertEqual(read([{"name": "a", "ttl": 5}, "b"]), {"a": {"name": "a", "ttl": "5"}, "b": {}})

    def test_map(self) -> None:
        self.assertEqual(read({"a": {"ttl": 5, "key": "x"}, "b": "on"}), {"a": {"ttl": "5", "key": "x"}, "b": {}})
