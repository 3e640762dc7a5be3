"""HttpEndpoint on real loopback sockets: sharing, limits, endpoint strings."""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

import treq
from treq.client import HTTPClient
from twisted.internet import reactor
from twisted.internet.defer import inlineCallbacks
from twisted.trial.unittest import SynchronousTestCase, TestCase
from twisted.web.client import Agent, HTTPConnectionPool
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConfigException, ConnectionException
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.refer import References
from pipservices_tx.services import (
    ENDPOINT_DESCRIPTOR,
    HeartbeatRestService,
    HttpEndpoint,
    RestService,
    StatusRestService,
    endpoint_string,
)


class EndpointStringTests(SynchronousTestCase):
    def test_connection_config(self) -> None:
        self.assertEqual(
            endpoint_string(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 9000)),
            "tcp:port=9000:interface=127.0.0.1:backlog=1024",
        )
        self.assertEqual(endpoint_string(ConfigParams()), "tcp:port=8080:interface=0.0.0.0:backlog=1024")
        self.assertEqual(
            endpoint_string(ConfigParams.from_tuples("connection.uri", "http://localhost:7000",
                                                     "connection.backlog", 4096)),
            "tcp:port=7000:interface=localhost:backlog=4096",
        )

    def test_explicit_endpoint_wins(self) -> None:
        self.assertEqual(
            endpoint_string(ConfigParams.from_tuples("endpoint", "unix:/tmp/x.sock", "connection.port", 1)),
            "unix:/tmp/x.sock",
        )

    def test_https_needs_certificate(self) -> None:
        with self.assertRaises(ConfigException):
            endpoint_string(ConfigParams.from_tuples("connection.protocol", "https"))
        text = endpoint_string(ConfigParams.from_tuples(
            "connection.protocol", "https", "connection.port", 8443,
            "credential.ssl_key_file", "/k.pem", "credential.ssl_crt_file", "/c.pem"))
        self.assertTrue(text.startswith("ssl:port=8443:"))
        self.assertIn("privateKey=/k.pem", text)

    def test_unknown_protocol(self) -> None:
        with self.assertRaises(ConfigException):
            endpoint_string(ConfigParams.from_tuples("connection.protocol", "gopher"))


class EchoService(RestService):
    base_route = "echo"

    def register(self) -> None:
        self.register_route("POST", "/body", lambda request: {"size": len(json.dumps(self.read_json(request)))})


class EndpointTests(TestCase):
    def setUp(self) -> None:
        self.pool = HTTPConnectionPool(reactor, persistent=False)
        self.http = HTTPClient(Agent(reactor, pool=self.pool))
        self.endpoint = HttpEndpoint()
        self.endpoint.configure(ConfigParams.from_tuples(
            "connection.host", "127.0.0.1", "connection.port", 0, "options.max_request_size", 1024))
        references = References.from_tuples(ENDPOINT_DESCRIPTOR, self.endpoint)
        self.services = [StatusRestService(), HeartbeatRestService(), EchoService()]
        for service in self.services:
            service.set_references(references)

    @inlineCallbacks
    def tearDown(self) -> Any:
        for service in self.services:
            yield service.close(None)
        yield self.endpoint.close(None)
        yield self.pool.closeCachedConnections()

    @inlineCallbacks
    def test_services_share_one_port(self) -> Any:
        verifyObject(IOpenable, self.endpoint)
        yield self.endpoint.open(None)
        for service in self.services:
            yield service.open(None)
        base = self.endpoint.base_url
        response = yield self.http.get(base + "/heartbeat")
        self.assertEqual(response.code, 200)
        yield response.content()
        response = yield self.http.get(base + "/status")
        body = yield response.json()
        self.assertIn("uptime", body)

    @inlineCallbacks
    def test_body_over_limit_is_413_and_service_keeps_serving(self) -> Any:
        yield self.endpoint.open(None)
        for service in self.services:
            yield service.open(None)
        base = self.endpoint.base_url
        response = yield self.http.post(base + "/echo/body", data=json.dumps({"x": "y" * 2000}).encode())
        body = yield response.json()
        self.assertEqual((response.code, body["code"]), (413, "REQUEST_TOO_LARGE"))
        response = yield self.http.post(base + "/echo/body", data=b'{"x": "y"}')
        self.assertEqual((yield response.json()), {"size": 10})

    @inlineCallbacks
    def test_closed_service_routes_are_gone(self) -> Any:
        yield self.endpoint.open(None)
        for service in self.services:
            yield service.open(None)
        yield self.services[1].close(None)
        response = yield self.http.get(self.endpoint.base_url + "/heartbeat")
        self.assertEqual(response.code, 404)
        yield response.content()

    @inlineCallbacks
    def test_port_in_use_is_connection_exception(self) -> Any:
        yield self.endpoint.open(None)
        other = HttpEndpoint()
        other.configure(ConfigParams.from_tuples(
            "connection.host", "127.0.0.1", "connection.port", self.endpoint.port))
        error = yield self.assertFailure(other.open(None), ConnectionException)
        self.assertEqual(error.code, "CANNOT_LISTEN")

    @inlineCallbacks
    def test_unix_socket_endpoint(self) -> Any:
        path = os.path.join(tempfile.mkdtemp(), "svc.sock")
        endpoint = HttpEndpoint()
        endpoint.configure(ConfigParams.from_tuples("endpoint", f"unix:{path}"))
        yield endpoint.open(None)
        try:
            self.assertTrue(os.path.exists(path))
        finally:
            yield endpoint.close(None)


class LocalEndpointTests(TestCase):
    @inlineCallbacks
    def test_service_without_endpoint_opens_its_own(self) -> Any:
        service = HeartbeatRestService()
        service.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 0))
        service.set_references(References())
        yield service.open(None)
        try:
            assert service.endpoint is not None
            response = yield treq.get(service.endpoint.base_url + "/heartbeat", persistent=False)
            self.assertEqual(response.code, 200)
            yield response.content()
        finally:
            yield service.close(None)
        self.assertFalse(service.endpoint.is_open())
