"""SwaggerService: the UI page lists the specs and serves its assets from the package."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import CommandableHttpService, SwaggerService

from .helpers import EchoController, StubClient


class SwaggerServiceTests(SynchronousTestCase):
    def setUp(self) -> None:
        commandable = CommandableHttpService("v1/things")
        commandable.configure(ConfigParams.from_tuples(
            "dependencies.controller", "test:controller:*:*:1.0", "swagger.enable", "true"))
        hidden = CommandableHttpService("v1/hidden")
        hidden.configure(ConfigParams.from_tuples("dependencies.controller", "test:controller:*:*:1.0"))
        self.swagger = SwaggerService()
        references = References.from_tuples(
            Descriptor("test", "controller", "default", "default", "1.0"), EchoController(),
            Descriptor("test", "service", "commandable-http", "a", "1.0"), commandable,
            Descriptor("test", "service", "commandable-http", "b", "1.0"), hidden,
            Descriptor("pip-services", "swagger-service", "http", "default", "1.0"), self.swagger,
        )
        for component in (commandable, hidden, self.swagger):
            component.set_references(references)
        self.client = StubClient(self, self.swagger.resource())

    def test_page_lists_enabled_specs(self) -> None:
        self.assertEqual(self.swagger.spec_urls(), [{"name": "v1/things", "url": "/v1/things/swagger?format=json"}])
        response, body = self.client.request("GET", "/swagger")
        self.assertEqual(response.code, 200)
        self.assertIn(b"SwaggerUIBundle", body)
        self.assertIn(b"/v1/things/swagger?format=json", body)
        self.assertNotIn(b"cdn", body.lower())

    def test_assets_come_from_the_package(self) -> None:
        response, body = self.client.request("GET", "/swagger/swagger-ui-bundle.js")
        self.assertEqual(response.code, 200)
        self.assertGreater(len(body), 100_000)
        self.assertIn("javascript", response.headers.getRawHeaders("content-type")[0])

    def test_unknown_asset_is_json_404(self) -> None:
        status, body = self.client.json("GET", "/swagger/../../etc/passwd")
        self.assertEqual(status, 404)
        status, body = self.client.json("GET", "/swagger/index.j2")
        self.assertEqual((status, body["code"]), (404, "ASSET_NOT_FOUND"))
