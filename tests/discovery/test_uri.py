"""Tests for parse_uri and compose_uri."""

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.discovery import ConnectionParams, compose_uri, parse_uri
from pipservices_tx.errors import ConfigException


class ParseUriTests(SynchronousTestCase):
    def test_mongodb_many_hosts(self) -> None:
        c = parse_uri("mongodb://user:p%40ss@h1:1,h2:2/db?replicaSet=rs0&w=1")
        self.assertIsInstance(c, ConnectionParams)
        self.assertEqual(dict(c), {
            "protocol": "mongodb", "username": "user", "password": "p@ss", "host": "h1", "port": "1",
            "servers": "h1:1,h2:2", "path": "db", "database": "db", "replicaSet": "rs0", "w": "1",
        })

    def test_redis_password_only(self) -> None:
        c = parse_uri("redis://:secret@cache:6379/0")
        self.assertEqual(dict(c), {
            "protocol": "redis", "password": "secret", "host": "cache", "port": "6379", "path": "0", "database": "0",
        })

    def test_postgres_default_port(self) -> None:
        c = parse_uri("postgres://app@db.local/test", None, 5432)
        self.assertEqual((c.protocol, c.host, c.port, c["username"], c["database"]),
                         ("postgres", "db.local", 5432, "app", "test"))
        self.assertNotIn("password", c)

    def test_without_scheme(self) -> None:
        c = parse_uri("localhost:8080", "http")
        self.assertEqual((c.protocol, c.host, c.port), ("http", "localhost", 8080))

    def test_ipv6(self) -> None:
        c = parse_uri("http://[::1]:80/")
        self.assertEqual((c.host, c.port), ("::1", 80))
        self.assertEqual(compose_uri(c), "http://[::1]:80")

    def test_bad(self) -> None:
        for uri in ["", "http://", "http://h:port/"]:
            with self.assertRaises(ConfigException) as e:
                parse_uri(uri)
            self.assertEqual(e.exception.code, "BAD_URI")

    def test_bad_uri_error_hides_password(self) -> None:
        with self.assertRaises(ConfigException) as e:
            parse_uri("redis://:topsecret@h:xx/0")
        self.assertNotIn("topsecret", str(e.exception.details))


class ComposeUriTests(SynchronousTestCase):
    def test_compose(self) -> None:
        self.assertEqual(
            compose_uri({"protocol": "mongodb", "servers": "h1:1,h2:2", "username": "u", "password": "p@ss/",
                         "database": "db", "replicaSet": "rs0", "discovery_key": "x"}),
            "mongodb://u:p%40ss%2F@h1:1,h2:2/db?replicaSet=rs0",
        )
        self.assertEqual(compose_uri({"host": "h"}, "redis", 6379), "redis://h:6379")
        self.assertEqual(compose_uri({"host": "h", "password": "pw"}, "redis"), "redis://:pw@h")

    def test_comma_separated_hosts_and_ports(self) -> None:
        # The multi-host form of pip-services3 configs: one port per host, a missing one is the default.
        self.assertEqual(compose_uri({"protocol": "http", "host": "h1,h2", "port": "1,2"}), "http://h1:1,h2:2")
        self.assertEqual(
            compose_uri({"host": "broker1,broker2", "port": ",8082", "username": "user", "password": "pass123"},
                        "tcp", 9092),
            "tcp://user:pass123@broker1:9092,broker2:8082",
        )
        self.assertEqual(compose_uri({"protocol": "http", "host": "a, b,"}), "http://a,b")
        parsed = parse_uri(compose_uri({"protocol": "mongodb", "host": "h1,h2", "port": "1,2", "database": "db"}))
        self.assertEqual((parsed["servers"], parsed["database"]), ("h1:1,h2:2", "db"))

    def test_comma_separated_bad_port(self) -> None:
        with self.assertRaises(ConfigException) as e:
            compose_uri({"protocol": "http", "host": "h1,h2", "port": "1,x"})
        self.assertEqual(e.exception.code, "BAD_PORT")

    def test_missing_parts(self) -> None:
        with self.assertRaises(ConfigException) as e:
            compose_uri({"host": "h"})
        self.assertEqual(e.exception.code, "NO_PROTOCOL")
        for options in ({"protocol": "http"}, {"protocol": "http", "host": " , "}):
            with self.assertRaises(ConfigException) as e:
                compose_uri(options)
            self.assertEqual(e.exception.code, "NO_HOST")


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
_host = st.from_regex(r"\A[a-z][a-z0-9\-.]{0,15}\Z")
_servers = st.lists(st.tuples(_host, st.integers(1, 65535)), min_size=1, max_size=3)
_options = st.dictionaries(st.from_regex(r"\A[a-z]{1,6}_[a-z]{1,6}\Z"), st.text(max_size=8), max_size=3)


class RoundTripTests(SynchronousTestCase):
    @settings(max_examples=200, deadline=None)
    @given(st.sampled_from(["mongodb", "redis", "postgres", "http"]), _servers, st.one_of(st.none(), _text),
           st.one_of(st.none(), _text), st.one_of(st.none(), st.from_regex(r"\A[a-z0-9_]{1,10}\Z")), _options)
    def test_parse_inverts_compose(self, protocol, servers, username, password, database, options) -> None:
        params = {"protocol": protocol, **options}
        if len(servers) == 1:
            params.update(host=servers[0][0], port=str(servers[0][1]))
        else:
            params["servers"] = ",".join(f"{h}:{p}" for h, p in servers)
        if username is not None:
            params["username"] = username
        if password is not None:
            params["password"] = password
        if database is not None:
            params["database"] = database
        parsed = parse_uri(compose_uri(params))
        self.assertEqual((parsed.host, parsed.port), servers[0])
        for key, value in params.items():
            self.assertEqual(parsed[key], value, key)
