"""Redis and memcached connection settings read from config."""

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import MemcachedSettings, RedisSettings, parse_memcached_uri
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConfigException


class RedisSettingsTests(SynchronousTestCase):
    def test_defaults(self) -> None:
        s = RedisSettings.from_config(ConfigParams())
        self.assertEqual((s.host, s.port, s.db, s.password, s.pool_size), ("localhost", 6379, 0, None, 3))
        self.assertEqual((s.connect_timeout_ms, s.timeout_ms), (5000, 5000))

    def test_host_port_credential_and_options(self) -> None:
        s = RedisSettings.from_config(ConfigParams({
            "connection.host": "redis.local", "connection.port": "6380", "credential.password": "pw",
            "options.db": "2", "options.pool_size": "5", "options.timeout_ms": "250",
            "options.connect_timeout": "100", "options.reconnect_delay": "50",
        }))
        self.assertEqual((s.host, s.port, s.db, s.password, s.pool_size), ("redis.local", 6380, 2, "pw", 5))
        self.assertEqual((s.timeout_ms, s.connect_timeout_ms, s.reconnect_delay_ms), (250, 100, 50))

    def test_uri(self) -> None:
        s = RedisSettings.from_config(ConfigParams({"connection.uri": "redis://:p%40ss@cache:6390/4"}))
        self.assertEqual((s.host, s.port, s.db, s.password, s.username), ("cache", 6390, 4, "p@ss", None))
        s = RedisSettings.from_config(ConfigParams({"connection.uri": "redis://cache", "options.db": "1"}))
        self.assertEqual((s.host, s.port, s.db, s.password), ("cache", 6379, 1, None))

    def test_credential_overrides_uri_password(self) -> None:
        s = RedisSettings.from_config(ConfigParams({
            "connection.uri": "redis://:old@cache:6390", "credential.password": "new",
        }))
        self.assertEqual(s.password, "new")

    def test_bad_uri(self) -> None:
        for uri in ("http://cache:1", "redis://cache:1/notanumber", "redis://cache:port"):
            error = self.assertRaises(
                ConfigException, RedisSettings.from_config, ConfigParams({"connection.uri": uri})
            )
            self.assertEqual(error.code, "BAD_REDIS_URI")


class MemcachedSettingsTests(SynchronousTestCase):
    def test_default_is_local_server(self) -> None:
        self.assertEqual(MemcachedSettings.from_config(ConfigParams()).servers, (("localhost", 11211),))

    def test_uri_lists_several_servers(self) -> None:
        self.assertEqual(
            parse_memcached_uri("memcached://h1:1,h2, [::1]:3"), [("h1", 1), ("h2", 11211), ("::1", 3)]
        )
        s = MemcachedSettings.from_config(ConfigParams({"connection.uri": "memcached://a:1,b:2"}))
        self.assertEqual(s.servers, (("a", 1), ("b", 2)))

    def test_connections_list_and_options(self) -> None:
        s = MemcachedSettings.from_config(ConfigParams.from_value({
            "connection": {"host": "a", "port": 1},
            "connections": [{"host": "b", "port": 2}, {"uri": "memcached://c:3,a:1"}],
            "options": {"timeout_ms": 300, "retry_delay": 20, "max_retry_delay": 80, "connect_timeout": 40},
        }))
        self.assertEqual(s.servers, (("a", 1), ("b", 2), ("c", 3)))
        self.assertEqual((s.timeout_ms, s.retry_delay_ms, s.max_retry_delay_ms, s.connect_timeout_ms), (300, 20, 80, 40))

    def test_bad_addresses(self) -> None:
        for uri in ("redis://a:1", "memcached://a:x", "memcached://:1"):
            self.assertRaises(ConfigException, parse_memcached_uri, uri)
