"""call_command, get_json and post_json against a single service's resource, with no container."""

from __future__ import annotations

from treq.testing import StubTreq
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import JsonResponse, call_command, get_json, post_json, url_of

from ._components import GreeterController, GreeterService, TextService


def greeter_http() -> StubTreq:
    service = GreeterService()
    service.set_references(References.from_tuples(
        Descriptor("test", "controller", "default", "default", "1.0"), GreeterController()))
    return StubTreq(service.resource())


class StubClientTests(SynchronousTestCase):
    def test_call_command(self) -> None:
        reply = self.successResultOf(call_command(greeter_http(), "v1/greeter", "greet", {"name": "Di"}))
        self.assertIsInstance(reply, JsonResponse)
        self.assertEqual(reply, (200, {"hello": "Di"}))

    def test_no_params_is_an_empty_object(self) -> None:
        status, body = self.successResultOf(call_command(greeter_http(), "v1/greeter", "greet"))
        self.assertEqual((status, body["code"]), (400, "INVALID_DATA"))

    def test_the_correlation_id_reaches_the_error_body(self) -> None:
        _, body = self.successResultOf(call_command(greeter_http(), "v1/greeter", "greet", {}, "c 9&x"))
        self.assertEqual(body["correlation_id"], "c9&x")  # sanitized by the service, encoded by the helper

    def test_post_json_and_get_json(self) -> None:
        http = greeter_http()
        self.assertEqual(self.successResultOf(post_json(http, "v1/greeter/greet", {"name": "Ed"})),
                         (200, {"hello": "Ed"}))
        self.assertEqual(self.successResultOf(get_json(http, "/v1/greeter/greet")).status, 405)

    def test_a_body_that_is_not_json_fails(self) -> None:
        http = StubTreq(TextService().resource())
        failure = self.failureResultOf(get_json(http, "/text"), AssertionError)
        self.assertIn("text/plain", str(failure.value))

    def test_url_of(self) -> None:
        self.assertEqual(url_of("/status"), "http://localhost/status")
        self.assertEqual(url_of("v1/x?a=1", "c/1"), "http://localhost/v1/x?a=1&correlation_id=c%2F1")
