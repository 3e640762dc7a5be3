"""RestService: routes, parameters, results of every kind, errors, CORS."""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import succeed
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import UnauthorizedException
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import HttpResponse, RestService

from .helpers import MemoryCounters, StubClient


class ItemsService(RestService):
    base_route = "api"

    def register(self) -> None:
        self.register_route("GET", "/items", lambda request: [1, 2])
        self.register_route("GET", "/items/<item_id>", self.get_item)
        self.register_route("POST", "/items", self.create)
        self.register_route("GET", "/async", self.coroutine)
        self.register_route("GET", "/secret", self.secret)
        self.register_route("GET", "/page", lambda request: HttpResponse("<p>hi</p>", "text/html"))

    def get_item(self, request: Any, item_id: str) -> Any:
        return succeed({"id": item_id, "correlation_id": self.get_correlation_id(request)})

    def create(self, request: Any) -> Any:
        return self.read_json(request)

    async def coroutine(self, request: Any) -> Any:
        return {"async": True}

    def secret(self, request: Any) -> Any:
        raise UnauthorizedException(None, "NO_TOKEN", "Token required")


class RestServiceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.counters = MemoryCounters()
        self.service = ItemsService()
        self.service.set_references(References.from_tuples(
            Descriptor("pip-services", "counters", "memory", "default", "1.0"), self.counters))
        self.client = StubClient(self, self.service.resource())

    def test_exact_and_pattern_routes(self) -> None:
        self.assertEqual(self.client.json("GET", "/api/items"), (200, [1, 2]))
        self.assertEqual(
            self.client.json("GET", "/api/items/42?correlation_id=abc"),
            (200, {"id": "42", "correlation_id": "abc"}),
        )
        self.assertEqual(self.client.json("POST", "/api/items", {"x": 1}), (200, {"x": 1}))
        self.assertEqual(self.client.json("GET", "/api/async"), (200, {"async": True}))

    def test_pattern_route_errors_are_json(self) -> None:
        status, body = self.client.json("GET", "/api/items/1/2")
        self.assertEqual((status, body["category"]), (404, "NotFound"))
        status, body = self.client.json("DELETE", "/api/items/1")
        self.assertEqual((status, body["code"]), (405, "METHOD_NOT_ALLOWED"))

    def test_application_errors_get_their_status(self) -> None:
        status, body = self.client.json("GET", "/api/secret")
        self.assertEqual((status, body["code"], body["category"]), (401, "NO_TOKEN", "Unauthorized"))
        errors = {c.name: c.count for c in self.counters.get_all()}
        self.assertEqual(errors["api.secret.exec_errors"], 1)

    def test_non_json_response(self) -> None:
        response, body = self.client.request("GET", "/api/page")
        self.assertEqual((response.code, body), (200, b"<p>hi</p>"))
        self.assertEqual(response.headers.getRawHeaders("content-type"), ["text/html"])

    def test_cors_and_preflight(self) -> None:
        response, _ = self.client.request("GET", "/api/items", headers={"origin": ["http://ui"]})
        self.assertEqual(response.headers.getRawHeaders("access-control-allow-origin"), ["*"])
        response, _ = self.client.request("OPTIONS", "/api/items/7")
        self.assertEqual(response.code, 204)
        self.assertIn("GET", response.headers.getRawHeaders("access-control-allow-methods")[0])

    def test_correlation_id_is_sanitised(self) -> None:
        status, body = self.client.json("GET", "/api/items/1?correlation_id=a%0d%0aFAKE:LOG")
        self.assertEqual(body["correlation_id"], "aFAKE:LOG")
        status, body = self.client.json("GET", "/api/items/1?correlation_id=" + "x" * 1000)
        self.assertEqual(len(body["correlation_id"]), 256)
