"""The seneca endpoint on real loopback sockets: shared by services from YAML, limits, drain, TLS."""

from __future__ import annotations

import os
from typing import Any

import yaml
from twisted.internet import reactor, task
from twisted.internet.defer import Deferred
from twisted.internet.endpoints import TCP4ClientEndpoint, connectProtocol
from twisted.internet.error import ConnectionRefusedError
from twisted.internet.protocol import Protocol
from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.errors import BadRequestException, ConfigException, ConnectionException
from pipservices_tx.lifecycle import IDrainable, IOpenable
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.seneca import (
    SENECA_ENDPOINT_DESCRIPTOR,
    CommandableSenecaClient,
    CommandableSenecaService,
    DefaultSenecaFactory,
    ISenecaEndpoint,
    SenecaClient,
    SenecaEndpoint,
)
from pipservices_tx.services import RestService

from ..security.certificates import CertificateAuthority
from ._fakes import MathService

LOOPBACK = ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", 0)

TWO_SERVICES = """
- descriptor: "test:controller:echo:default:1.0"
  type: "EchoController,tests.services.helpers"
- descriptor: "pip-services:endpoint:seneca:default:1.0"
  connection: {host: 127.0.0.1, port: 0}
- descriptor: "pip-services:seneca-service:commandable:first:1.0"
  pin: "role:first"
  dependencies: {controller: "test:controller:echo:*:1.0"}
- descriptor: "pip-services:seneca-service:commandable:second:1.0"
  pin: "role:second,version:2"
  dependencies: {controller: "test:controller:echo:*:1.0"}
"""


async def client_of(case: TestCase, port: int, client: Any = None, **config: Any) -> Any:
    client = client or SenecaClient()
    client.configure(ConfigParams.from_tuples("connection.host", "127.0.0.1", "connection.port", port)
                     .override(ConfigParams.from_value(config)))
    await client.open(None)
    case.addCleanup(client.close, None)
    return client


def _sleep(seconds: float) -> Deferred[None]:
    return task.deferLater(reactor, seconds, lambda: None)


class SharedEndpointTests(TestCase):
    timeout = 20

    async def test_services_of_a_yaml_config_share_one_port(self) -> None:
        container = Container()
        container.configure(ConfigParams.from_value(yaml.safe_load(TWO_SERVICES)))
        await container.open(None)
        self.addCleanup(container.close, None)
        endpoint = container.references.get_one_required(SENECA_ENDPOINT_DESCRIPTOR)
        verifyObject(ISenecaEndpoint, endpoint)
        verifyObject(IDrainable, endpoint)
        first = await client_of(self, endpoint.port, CommandableSenecaClient(), pin="role:first")
        second = await client_of(self, endpoint.port, CommandableSenecaClient(), pin="role:second,version:2")
        self.assertEqual(await first.call_command("echo", "c1", {"a": 1}), {"a": 1})
        self.assertEqual(await second.call_command("typed", "c2", {"name": "x"}), {"hello": "x"})
        self.assertEqual(len(endpoint.patterns), 12)
        await container.close(None)
        self.assertEqual(endpoint.patterns, [])

    async def test_a_service_alone_opens_its_own_endpoint(self) -> None:
        service = MathService()
        service.configure(LOOPBACK.override(ConfigParams.from_tuples("path", "/math")))
        await service.open(None)
        self.addCleanup(service.close, None)
        verifyObject(IOpenable, service)
        assert service.endpoint is not None
        port = service.endpoint.port
        client = await client_of(self, port, path="/math")
        self.assertEqual(await client.act("c1", "role:math,cmd:sum", {"left": 1, "right": 2}), {"answer": 3})
        await service.close(None)
        error = await self.assertFailure(client.act("c2", "role:math,cmd:list"), ConnectionException)
        self.assertIn(error.code, ("CONNECTION_REFUSED", "NO_RESPONSE"))  # a pooled connection may be cut first
        self.assertEqual(error.correlation_id, "c2")

    async def test_a_twisted_endpoint_string_and_a_path(self) -> None:
        endpoint = SenecaEndpoint()
        endpoint.configure(ConfigParams.from_tuples("endpoint", "tcp:port=0:interface=127.0.0.1", "path", "/seneca"))
        service = MathService()
        service.set_references(References.from_tuples(SENECA_ENDPOINT_DESCRIPTOR, endpoint))
        await endpoint.open(None)
        await service.open(None)
        self.addCleanup(endpoint.close, None)
        self.addCleanup(service.close, None)
        client = await client_of(self, endpoint.port, path="/seneca")
        self.assertEqual(await client.act("c1", "role:math,cmd:list"), [1, 2, 3])

    def test_rest_services_do_not_register_on_it(self) -> None:
        self.assertRaises(ConfigException, SenecaEndpoint().register_service, RestService())


class LimitsTests(TestCase):
    timeout = 20

    async def _open(self, **options: Any) -> int:
        self.endpoint = SenecaEndpoint()
        config = LOOPBACK.override(ConfigParams.from_value({"options": options}))
        self.endpoint.configure(config)
        self.service = MathService()
        self.service.set_references(References.from_tuples(SENECA_ENDPOINT_DESCRIPTOR, self.endpoint))
        await self.endpoint.open(None)
        await self.service.open(None)
        self.addCleanup(self.endpoint.close, None)
        self.addCleanup(self.service.close, None)
        return int(self.endpoint.port)  # type: ignore[arg-type]

    async def test_a_body_over_the_limit_is_a_413(self) -> None:
        client = await client_of(self, await self._open(max_request_size=1000))
        error = await self.assertFailure(client.act("c1", "role:math,cmd:echo", {"x": "y" * 5000}), BadRequestException)
        self.assertEqual((error.code, error.status, error.details), ("REQUEST_TOO_LARGE", 413, {"max_request_size": 1000}))
        self.assertEqual((await client.act("c2", "role:math,cmd:echo", {"x": "y"}))["args"], {"x": "y"})

    async def test_overload_is_a_503_seneca_error(self) -> None:
        client = await client_of(self, await self._open(max_concurrent_requests=1))
        waiting = client.act("c1", "role:math,cmd:later")
        while not self.service.pending:
            await _sleep(0.01)
        error = await self.assertFailure(client.act("c2", "role:math,cmd:list"), ConnectionException)
        self.assertEqual((error.code, error.status), ("OVERLOADED", 503))
        self.service.pending[0].callback({"done": True})
        self.assertEqual(await waiting, {"done": True})
        self.assertEqual(await client.act("c3", "role:math,cmd:list"), [1, 2, 3])

    async def test_drain_answers_acts_in_flight_and_refuses_new_connections(self) -> None:
        port = await self._open(shutdown_timeout=5)
        client = await client_of(self, port)
        waiting = client.act("c1", "role:math,cmd:later")
        while not self.service.pending:
            await _sleep(0.01)
        drained = self.endpoint.drain(None)
        with self.assertRaises(ConnectionRefusedError):
            await connectProtocol(TCP4ClientEndpoint(reactor, "127.0.0.1", port), Protocol())
        self.assertFalse(drained.called)
        self.service.pending[0].callback({"finished": True})
        self.assertEqual(await waiting, {"finished": True})
        await drained


class TlsTests(TestCase):
    timeout = 20

    async def test_acts_over_https_with_a_trusted_ca(self) -> None:
        directory = self.mktemp()
        ca = CertificateAuthority(directory)
        crt, key = ca.issue("localhost")
        endpoint = SenecaEndpoint()
        endpoint.configure(ConfigParams.from_tuples(
            "connection.protocol", "https", "connection.host", "127.0.0.1", "connection.port", 0,
            "credential.ssl_key_file", key, "credential.ssl_crt_file", crt))
        service = MathService()
        service.set_references(References.from_tuples(SENECA_ENDPOINT_DESCRIPTOR, endpoint))
        await endpoint.open(None)
        await service.open(None)
        self.addCleanup(endpoint.close, None)
        self.addCleanup(service.close, None)
        client = SenecaClient()
        client.configure(ConfigParams.from_tuples("connection.uri", f"https://localhost:{endpoint.port}",
                                                  "credential.ssl_ca_file", ca.ca_file))
        await client.open(None)
        self.addCleanup(client.close, None)
        self.assertEqual(await client.act("c1", "role:math,cmd:sum", {"left": 2, "right": 2}), {"answer": 4})


class FactoryTests(SynchronousTestCase):
    def test_descriptors(self) -> None:
        for factory in (DefaultSenecaFactory(), Container().factory):
            self.assertIsInstance(factory.create(Descriptor("pip-services", "endpoint", "seneca", "x", "1.0")),
                                  SenecaEndpoint)
            self.assertIsInstance(factory.create(Descriptor("pip-services", "seneca-service", "commandable", "x",
                                                            "1.0")), CommandableSenecaService)
            self.assertIsInstance(factory.create(Descriptor("pip-services", "seneca-client", "commandable", "x",
                                                            "1.0")), CommandableSenecaClient)


class DocsExampleTests(SynchronousTestCase):
    def test_the_config_example_of_docs_seneca_builds(self) -> None:
        path = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "seneca.rst")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        block = text.split(".. code-block:: yaml\n\n", 1)[1].split("\n\n.. ", 1)[0].split("\nA service without")[0]
        entries = yaml.safe_load("\n".join(line[4:] for line in block.splitlines()))
        factory = Container().factory
        kinds = []
        for entry in entries:
            descriptor = Descriptor.parse(entry.pop("descriptor"))
            component = factory.create(descriptor)
            component.configure(ConfigParams.from_value(entry))
            kinds.append(type(component))
        self.assertEqual(kinds, [SenecaEndpoint, CommandableSenecaService, CommandableSenecaService])
