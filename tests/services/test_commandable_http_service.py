"""CommandableHttpService: commands over POST, with the results and errors of docs/protocol.rst."""

from __future__ import annotations

from openapi_spec_validator import validate
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.refer import Descriptor, IReferenceable, References
from pipservices_tx.services import CommandableHttpService

from .helpers import EchoController, MemoryCounters, StubClient

CONTROLLER = Descriptor("test", "controller", "default", "default", "1.0")


class CommandableHttpServiceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.controller = EchoController()
        self.counters = MemoryCounters()
        self.service = CommandableHttpService("v1/things")
        self.service.configure(ConfigParams.from_tuples(
            "dependencies.controller", "test:controller:*:*:1.0", "swagger.enable", "true"))
        self.service.set_references(References.from_tuples(
            CONTROLLER, self.controller,
            Descriptor("pip-services", "counters", "memory", "default", "1.0"), self.counters,
        ))
        self.client = StubClient(self, self.service.resource())

    def test_interfaces(self) -> None:
        verifyObject(IOpenable, self.service)
        verifyObject(IConfigurable, self.service)
        verifyObject(IReferenceable, self.service)

    def test_result_is_json_with_no_cache(self) -> None:
        response, body = self.client.request("POST", "/v1/things/echo", {"a": [1, "x"]})
        self.assertEqual(response.code, 200)
        self.assertEqual(response.headers.getRawHeaders("content-type"), ["application/json"])
        self.assertEqual(response.headers.getRawHeaders("cache-control"), ["no-cache, no-store, must-revalidate"])
        self.assertEqual(body, b'{"a":[1,"x"]}')

    def test_empty_body_is_empty_object(self) -> None:
        self.assertEqual(self.client.json("POST", "/v1/things/echo"), (200, {}))

    def test_correlation_id_from_query_then_header(self) -> None:
        self.client.json("POST", "/v1/things/echo?correlation_id=q1", {}, headers={"correlation_id": ["h1"]})
        self.client.json("POST", "/v1/things/echo", {}, headers={"correlation_id": ["h2"]})
        self.assertEqual([call[0] for call in self.controller.calls], ["q1", "h2"])

    def test_null_result_is_204(self) -> None:
        response, body = self.client.request("POST", "/v1/things/nothing", {})
        self.assertEqual((response.code, body), (204, b""))

    def test_errors_keep_class_code_and_correlation_id(self) -> None:
        status, body = self.client.json("POST", "/v1/things/missing?correlation_id=c9", {"id": "7"})
        self.assertEqual(status, 404)
        self.assertEqual(
            {k: body[k] for k in ("type", "category", "status", "code", "correlation_id", "details")},
            {"type": "NotFoundException", "category": "NotFound", "status": 404, "code": "NO_THING",
             "correlation_id": "c9", "details": {"id": "7"}},
        )
        self.assertIsNone(body["stack_trace"])
        status, body = self.client.json("POST", "/v1/things/conflict", {})
        self.assertEqual((status, body["category"]), (409, "Conflict"))

    def test_unexpected_error_is_500_invocation_error(self) -> None:
        status, body = self.client.json("POST", "/v1/things/crash?correlation_id=c2", {})
        self.assertEqual(status, 500)
        self.assertEqual((body["code"], body["correlation_id"]), ("EXEC_FAILED", "c2"))

    def test_validation_error_is_400_with_result_list(self) -> None:
        status, body = self.client.json("POST", "/v1/things/typed", {"name": 5})
        self.assertEqual(status, 400)
        self.assertEqual(body["code"], "INVALID_DATA")
        results = body["details"]["results"]
        self.assertIsInstance(results, list)
        self.assertEqual(results[0]["path"], "name")
        self.assertEqual(self.client.json("POST", "/v1/things/typed", {"name": "x"}), (200, {"hello": "x"}))

    def test_bad_bodies_are_400(self) -> None:
        for raw, code in [(b"{oops", "BAD_JSON"), (b"[1, 2]", "BAD_BODY"), (b'"text"', "BAD_BODY"),
                          (b"\xff\xfe", "BAD_JSON")]:
            response, body = self.client.request("POST", "/v1/things/echo", raw=raw)
            self.assertEqual(response.code, 400, raw)
            self.assertIn(code.encode(), body)

    def test_unknown_command_is_json_404(self) -> None:
        status, body = self.client.json("POST", "/v1/things/nope", {})
        self.assertEqual((status, body["category"]), (404, "NotFound"))

    def test_wrong_method_is_json_405(self) -> None:
        response, body = self.client.request("GET", "/v1/things/echo")
        self.assertEqual(response.code, 405)
        self.assertEqual(response.headers.getRawHeaders("allow"), ["POST"])
        self.assertIn(b"METHOD_NOT_ALLOWED", body)

    def test_counters_are_fed(self) -> None:
        self.client.json("POST", "/v1/things/echo", {})
        self.client.json("POST", "/v1/things/crash", {})
        names = {counter.name: counter for counter in self.counters.get_all()}
        self.assertEqual(names["v1/things.echo.exec_count"].count, 1)
        self.assertIn("v1/things.echo.exec_time", names)
        self.assertEqual(names["v1/things.crash.exec_errors"].count, 1)

    def test_openapi_document_is_valid(self) -> None:
        status, document = self.client.json("GET", "/v1/things/swagger?format=json")
        self.assertEqual(status, 200)
        validate(document)
        self.assertIn("/v1/things/echo", document["paths"])
        typed = document["paths"]["/v1/things/typed"]["post"]["requestBody"]["content"]["application/json"]
        self.assertEqual(typed["schema"]["required"], ["name"])

    def test_openapi_yaml_by_default(self) -> None:
        response, body = self.client.request("GET", "/v1/things/swagger")
        self.assertEqual(response.code, 200)
        self.assertTrue(body.startswith(b"openapi:"))
