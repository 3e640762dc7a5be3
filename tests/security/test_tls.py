"""TLS listeners and TLS client verification, with a CA and certificates made by the test."""

from __future__ import annotations

import os
from typing import Any, Optional

from twisted.internet import reactor
from twisted.internet.defer import Deferred, ensureDeferred
from twisted.trial.unittest import TestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import HttpEndpoint, RestService
from pipservices_tx.testing import with_reactor

from .certificates import CertificateAuthority

ENDPOINT = Descriptor("pip-services", "endpoint", "http", "default", "1.0")


class HelloService(RestService):
    base_route = "api"

    def register(self) -> None:
        self.register_route("GET", "/hello", lambda request: {"hello": "tls", "secure": request.isSecure()})


def _client(uri: str, **credential: str) -> Any:
    from pipservices_tx.clients import RestClient

    client = with_reactor(RestClient("api"), reactor)
    values: dict[str, Any] = {"connection.uri": uri, "options.retries": 0, "options.connect_timeout": 5000,
                              "options.timeout": 5000}
    values.update({f"credential.{key}": value for key, value in credential.items()})
    client.configure(ConfigParams(values))
    return client


class TlsTests(TestCase):
    timeout = 15

    def setUp(self) -> None:
        directory = os.path.abspath(self.mktemp())
        self.ca = CertificateAuthority(directory)
        self.other_ca = CertificateAuthority(directory, "Other CA")
        self.server_crt, self.server_key = self.ca.issue("server")
        self.client_crt, self.client_key = self.ca.issue("client", server=False)
        self.rogue_crt, self.rogue_key = self.other_ca.issue("rogue", server=False)

    async def start(self, **options: Any) -> str:
        config = ConfigParams({
            "connection.protocol": "https", "connection.host": "127.0.0.1", "connection.port": 0,
            "credential.ssl_key_file": self.server_key, "credential.ssl_crt_file": self.server_crt,
            **options,
        })
        endpoint = with_reactor(HttpEndpoint(), reactor)
        endpoint.configure(config)
        await endpoint.open(None)
        self.addCleanup(endpoint.close, None)
        service = HelloService()
        service.set_references(References.from_tuples(ENDPOINT, endpoint))
        await service.open(None)
        self.assertTrue(endpoint.base_url.startswith("https://127.0.0.1:"))
        return endpoint.base_url

    def call(self, client: Any, correlation_id: Optional[str] = None) -> Deferred[Any]:
        async def call() -> Any:
            await client.open(correlation_id)
            try:
                return await client._call("GET", "hello", correlation_id)
            finally:
                await client.close(correlation_id)

        return ensureDeferred(call())

    async def test_client_trusting_the_ca_gets_through(self) -> None:
        url = await self.start()
        result = await self.call(_client(url, ssl_ca_file=self.ca.ca_file))
        self.assertEqual(result, {"hello": "tls", "secure": True})

    async def test_hostname_is_verified_too(self) -> None:
        url = await self.start()
        port = url.rsplit(":", 1)[1]
        self.assertEqual((await self.call(_client(f"https://localhost:{port}", ssl_ca_file=self.ca.ca_file)))["hello"],
                         "tls")
        # Same CA, but a certificate for another name: refused.
        self.server_crt, self.server_key = self.ca.issue("elsewhere", hosts=("elsewhere.example",))
        other = await self.start()
        error = await self.assertFailure(self.call(_client(other, ssl_ca_file=self.ca.ca_file)), ConnectionException)
        self.assertEqual(error.code, "NO_RESPONSE")
        self.assertIn("mismatch", error.message.lower())

    async def test_client_not_trusting_the_ca_fails_with_connection_exception(self) -> None:
        url = await self.start()
        for client in (_client(url), _client(url, ssl_ca_file=self.other_ca.ca_file)):
            error = await self.assertFailure(self.call(client, "c1"), ConnectionException)
            self.assertEqual((error.code, error.correlation_id), ("NO_RESPONSE", "c1"))
            self.assertIn("certificate verify failed", error.message)

    async def test_plain_http_client_gets_nothing_from_a_tls_port(self) -> None:
        url = await self.start()
        await self.assertFailure(self.call(_client(url.replace("https://", "http://"))), ConnectionException)

    async def test_mutual_tls_accepts_a_client_certificate_from_the_ca(self) -> None:
        url = await self.start(**{"options.require_client_cert": True, "credential.ssl_ca_file": self.ca.ca_file})
        client = _client(url, ssl_ca_file=self.ca.ca_file, ssl_cert_file=self.client_crt,
                         ssl_key_file=self.client_key)
        self.assertEqual((await self.call(client))["hello"], "tls")

    async def test_mutual_tls_refuses_clients_without_a_good_certificate(self) -> None:
        url = await self.start(**{"options.require_client_cert": True, "credential.ssl_ca_file": self.ca.ca_file})
        without = _client(url, ssl_ca_file=self.ca.ca_file)
        error = await self.assertFailure(self.call(without), ConnectionException)
        self.assertIn("certificate required", error.message)
        rogue = _client(url, ssl_ca_file=self.ca.ca_file, ssl_cert_file=self.rogue_crt, ssl_key_file=self.rogue_key)
        error = await self.assertFailure(self.call(rogue), ConnectionException)
        self.assertIn("unknown ca", error.message)
        # And the server is still serving good clients.
        good = _client(url, ssl_ca_file=self.ca.ca_file, ssl_cert_file=self.client_crt, ssl_key_file=self.client_key)
        self.assertEqual((await self.call(good))["hello"], "tls")

    async def test_without_require_client_cert_a_client_certificate_is_optional(self) -> None:
        url = await self.start(**{"credential.ssl_ca_file": self.ca.ca_file})
        self.assertEqual((await self.call(_client(url, ssl_ca_file=self.ca.ca_file)))["hello"], "tls")


class TlsConfigTests(TestCase):
    def setUp(self) -> None:
        self.directory = os.path.abspath(self.mktemp())
        self.ca = CertificateAuthority(self.directory)

    async def test_require_client_cert_needs_a_ca_file(self) -> None:
        crt, key = self.ca.issue("server")
        endpoint = with_reactor(HttpEndpoint(), reactor)
        endpoint.configure(ConfigParams({
            "connection.protocol": "https", "connection.host": "127.0.0.1", "connection.port": 0,
            "credential.ssl_key_file": key, "credential.ssl_crt_file": crt, "options.require_client_cert": True,
        }))
        error = await self.assertFailure(endpoint.open(None), ConnectionException)
        self.assertIn("credential.ssl_ca_file", error.message)
        self.assertFalse(endpoint.is_open())

    async def test_require_client_cert_needs_https(self) -> None:
        endpoint = with_reactor(HttpEndpoint(), reactor)
        endpoint.configure(ConfigParams({"connection.host": "127.0.0.1", "connection.port": 0,
                                         "options.require_client_cert": True}))
        error = await self.assertFailure(endpoint.open(None), ConnectionException)
        self.assertIn("needs connection.protocol https", error.message)

    async def test_client_with_a_missing_or_bad_ca_file_does_not_open(self) -> None:
        from pipservices_tx.errors import ConfigException, FileException

        await self.assertFailure(
            _client("https://127.0.0.1:1", ssl_ca_file=os.path.join(self.directory, "none.crt")).open(None),
            FileException)
        crt, key = self.ca.issue("x")
        await self.assertFailure(_client("https://127.0.0.1:1", ssl_ca_file=key).open(None), ConfigException)
        await self.assertFailure(_client("https://127.0.0.1:1", ssl_cert_file=crt).open(None), ConfigException)
