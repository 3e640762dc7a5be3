"""Tests for HttpConfigReader against a real twisted.web server on a loopback port."""

from __future__ import annotations

from typing import Any

from treq.client import HTTPClient
from twisted.internet import reactor
from twisted.internet.defer import Deferred
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase, TestCase
from twisted.web.client import Agent
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Site
from zope.interface.verify import verifyObject

from pipservices_tx.boot import HttpConfigReader, format_of
from pipservices_tx.config import ConfigParams, IConfigReader
from pipservices_tx.errors import ConfigException, ConnectionException
from pipservices_tx.testing import with_reactor

_YAML = b"""
- descriptor: "pip-services:context-info:default:default:1.0"
  name: {{NAME}}
{{#if DEBUG}}
- descriptor: "pip-services:logger:console:default:1.0"
  level: debug
{{/if}}
"""


class _Document(Resource):
    isLeaf = True

    def __init__(self, body: bytes, content_type: bytes | None = None, status: int = 200) -> None:
        super().__init__()
        self.body, self.content_type, self.status = body, content_type, status

    def render_GET(self, request: Any) -> bytes:
        request.setResponseCode(self.status)
        if self.content_type:
            request.setHeader(b"content-type", self.content_type)
        return self.body


class _Auth(Resource):
    isLeaf = True

    def render_GET(self, request: Any) -> bytes:
        user, password = request.getUser().decode(), request.getPassword().decode()
        return f"- user: {user}\n  password: {password}\n".encode()


class _Silent(Resource):
    isLeaf = True

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[Any] = []

    def render_GET(self, request: Any) -> Any:
        self.requests.append(request)
        return NOT_DONE_YET


class HttpConfigReaderTests(TestCase):
    def setUp(self) -> None:
        root = Resource()
        root.putChild(b"config.yml", _Document(_YAML, b"text/plain"))
        root.putChild(b"config", _Document(b'[{"descriptor": "a:b:c:d:1.0", "x": "{{X}}"}]', b"application/json"))
        root.putChild(b"data.json", _Document(b'[{"descriptor": "a:b:c:d:1.0"}]', b"application/octet-stream"))
        root.putChild(b"broken.yml", _Document(b"- a: [unclosed\n", b"application/yaml"))
        root.putChild(b"missing", _Document(b"no", None, 404))
        root.putChild(b"failing", _Document(b"oops", None, 503))
        root.putChild(b"auth.yml", _Auth())
        self.silent = _Silent()
        root.putChild(b"silent", self.silent)
        self.port = reactor.listenTCP(0, Site(root), interface="127.0.0.1")
        self.addCleanup(self.port.stopListening)
        self.base = f"http://127.0.0.1:{self.port.getHost().port}"

    def test_interface(self) -> None:
        verifyObject(IConfigReader, HttpConfigReader())

    async def test_yaml_rendered_with_parameters(self) -> None:
        reader = HttpConfigReader(self.base + "/config.yml")
        config = await reader.read_config("c", ConfigParams({"NAME": "beacons", "DEBUG": "1"}))
        self.assertEqual(config.get("0.name"), "beacons")
        self.assertEqual(config.get("1.level"), "debug")
        config = await reader.read_config("c", ConfigParams({"NAME": "b2"}))
        self.assertEqual(config.get_section_names(), ["0"])

    async def test_json_by_content_type_and_configured_parameters(self) -> None:
        reader = HttpConfigReader()
        reader.configure(ConfigParams({"connection.uri": self.base + "/config", "parameters.X": "default"}))
        self.assertEqual((await reader.read_config(None, None)).get("0.x"), "default")
        self.assertEqual((await reader.read_config(None, ConfigParams({"X": "given"}))).get("0.x"), "given")

    async def test_json_by_extension(self) -> None:
        config = await HttpConfigReader(self.base + "/data.json").read_config(None, None)
        self.assertEqual(config, {"0.descriptor": "a:b:c:d:1.0"})

    async def test_syntax_error_names_the_url(self) -> None:
        with self.assertRaises(ConfigException) as e:
            await HttpConfigReader(self.base + "/broken.yml").read_config("c", None)
        self.assertIn(self.base + "/broken.yml", e.exception.message)
        self.assertEqual((e.exception.code, e.exception.correlation_id), ("BAD_CONFIG", "c"))

    async def test_not_found(self) -> None:
        with self.assertRaises(ConfigException) as e:
            await HttpConfigReader(self.base + "/missing").read_config("c", None)
        self.assertEqual(e.exception.details, {"url": self.base + "/missing", "status": 404})
        self.assertIn("HTTP 404", e.exception.message)

    async def test_user_info_is_basic_auth(self) -> None:
        url = self.base.replace("http://", "http://app:p%40ss@") + "/auth.yml"
        config = await HttpConfigReader(url).read_config(None, None)
        self.assertEqual(config, {"0.user": "app", "0.password": "p@ss"})

    async def test_server_error(self) -> None:
        with self.assertRaises(ConnectionException) as e:
            await HttpConfigReader(self.base + "/failing").read_config("c", None)
        self.assertEqual(e.exception.details["status"], 503)

    async def test_refused_connection_masks_password(self) -> None:
        number = self.port.getHost().port
        await self.port.stopListening()
        url = f"http://user:hunter2@127.0.0.1:{number}/config.yml"
        with self.assertRaises(ConnectionException) as e:
            await HttpConfigReader(url).read_config("c", None)
        self.assertEqual(e.exception.code, "CANNOT_CONNECT")
        self.assertNotIn("hunter2", e.exception.message)
        self.assertIn("127.0.0.1", e.exception.message)

    async def test_timeout(self) -> None:
        clock = Clock()
        reader = with_reactor(HttpConfigReader(self.base + "/silent", timeout=3.0, http_client=HTTPClient(Agent(reactor))), clock)
        d = Deferred.fromCoroutine(_read(reader))
        while not self.silent.requests:  # the request reaches the server, which never answers
            await _turn()
        self.assertNoResult(d)
        clock.advance(3)
        with self.assertRaises(ConnectionException) as e:
            await d
        self.assertEqual((e.exception.code, e.exception.details), ("TIMEOUT", {"url": self.base + "/silent"}))

    async def test_no_url(self) -> None:
        with self.assertRaises(ConfigException):
            await HttpConfigReader().read_config(None, None)


async def _read(reader: HttpConfigReader) -> ConfigParams:
    return await reader.read_config(None, None)


def _turn() -> Deferred[None]:
    d: Deferred[None] = Deferred()
    reactor.callLater(0.01, d.callback, None)
    return d


class FormatTests(SynchronousTestCase):
    def test_format_of(self) -> None:
        self.assertEqual(format_of("http://h/x", "application/json; charset=utf-8"), "json")
        self.assertEqual(format_of("http://h/x.json", "application/problem+json"), "json")
        self.assertEqual(format_of("http://h/x.json", "application/x-yaml"), "yaml")
        self.assertEqual(format_of("http://h/x.json?v=1", "text/plain"), "json")
        self.assertEqual(format_of("http://h/x", None), "yaml")
