"""Tests for ConnectionParams and CredentialParams."""

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import ConnectionParams, CredentialParams


class ConnectionParamsTests(SynchronousTestCase):
    def test_parts(self) -> None:
        c = ConnectionParams.from_string("protocol=http;ip=10.0.0.1;port=8080")
        self.assertEqual((c.protocol, c.host, c.port), ("http", "10.0.0.1", 8080))
        self.assertFalse(c.use_discovery())
        self.assertEqual(c.get_as_uri(), "http://10.0.0.1:8080")
        c.host = "h"
        c.port = 9
        self.assertEqual(c.get_as_uri(), "http://h:9")
        c.uri = "http://given"
        self.assertEqual(c.get_as_uri(), "http://given")

    def test_defaults(self) -> None:
        c = ConnectionParams.from_string("host=h")
        self.assertEqual(c.get_protocol_with_default("https"), "https")
        self.assertEqual(c.get_port_with_default(443), 443)
        self.assertEqual(c.get_as_uri("https", 443), "https://h:443")
        self.assertIsNone(ConnectionParams().get_as_uri("http"))

    def test_discovery_key(self) -> None:
        c = ConnectionParams.from_tuples("discovery_key", "beacons")
        self.assertTrue(c.use_discovery())
        self.assertEqual(c.discovery_key, "beacons")

    def test_many_from_config(self) -> None:
        config = ConfigParams.from_value({
            "connections": [{"host": "a", "port": 1}, {"discovery_key": "k"}],
            "connection": {"host": "c", "port": 3},
            "other": "x",
        })
        found = ConnectionParams.many_from_config(config)
        self.assertEqual([(c.host, c.port) for c in found], [("a", 1), (None, None), ("c", 3)])
        self.assertEqual(found[1].discovery_key, "k")
        self.assertTrue(all(isinstance(c, ConnectionParams) for c in found))

    def test_connection_string_value(self) -> None:
        found = ConnectionParams.many_from_config(ConfigParams({"connection": "host=a;port=2"}))
        self.assertEqual([(c.host, c.port) for c in found], [("a", 2)])

    def test_none_configured(self) -> None:
        config = ConfigParams({"host": "x"})
        self.assertEqual(ConnectionParams.many_from_config(config), [])
        self.assertIsNone(ConnectionParams.from_config(config))
        self.assertEqual(ConnectionParams.from_config(config, config_as_default=True), {"host": "x"})


class CredentialParamsTests(SynchronousTestCase):
    def test_parts(self) -> None:
        c = CredentialParams.from_string("user=u;pass=p;access_id=i;access_key=k")
        self.assertEqual((c.username, c.password, c.access_id, c.access_key), ("u", "p", "i", "k"))
        self.assertFalse(c.use_credential_store())
        c.username = "v"
        c.password = "q"
        self.assertEqual((c.username, c.password), ("v", "q"))

    def test_store_key(self) -> None:
        c = CredentialParams.from_tuples("store_key", "db")
        self.assertTrue(c.use_credential_store())
        self.assertEqual(c.store_key, "db")

    def test_many_from_config(self) -> None:
        config = ConfigParams.from_value({
            "credentials": {"main": {"username": "a"}, "backup": {"username": "b"}},
            "credential": {"username": "c", "password": "pw"},
        })
        found = CredentialParams.many_from_config(config)
        self.assertEqual([c.username for c in found], ["a", "b", "c"])
        self.assertEqual(CredentialParams.from_config(ConfigParams.from_value(
            {"credential": {"username": "c"}}))["username"], "c")
