"""RestClient and CommandableHttpClient against a fake service through StubTreq: the wire contract."""

from __future__ import annotations

from typing import Any

from treq.testing import StubTreq
from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.clients import CommandableHttpClient, RestClient
from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.errors import (
    ApplicationException,
    BadRequestException,
    ConfigException,
    ConflictException,
    ConnectionException,
    ErrorDescription,
    FileException,
    InternalException,
    InvalidStateException,
    InvocationException,
    NotFoundException,
    UnauthorizedException,
    UnknownException,
    UnsupportedException,
)
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import LogLevel
from pipservices_tx.refer import IReferenceable
from pipservices_tx.testing import with_reactor

from .fake_service import FakeService
from .support import instrumentation, stub_client

ERROR_CLASSES: list[type[ApplicationException]] = [
    BadRequestException,
    UnauthorizedException,
    NotFoundException,
    ConflictException,
    UnsupportedException,
    UnknownException,
    InternalException,
    ConfigException,
    InvalidStateException,
    ConnectionException,
    InvocationException,
    FileException,
]


class ResultTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        client = CommandableHttpClient("v1/dummy")
        verifyObject(IOpenable, client)
        verifyObject(IConfigurable, client)
        verifyObject(IReferenceable, client)

    def test_result_is_the_decoded_json(self) -> None:
        client, service, _, _ = stub_client()
        result = self.successResultOf(client.call_command("echo", "cid-1", {"a": 1, "b": [True, None]}))
        self.assertEqual(result, {"method": "POST", "args": {"a": 1, "b": [True, None]}, "correlation_id": "cid-1"})
        self.assertEqual(service.requests, [("POST", "/v1/dummy/echo", "cid-1", {"a": 1, "b": [True, None]})])

    def test_no_params_send_an_empty_object(self) -> None:
        client, service, _, _ = stub_client()
        self.successResultOf(client.call_command("echo", None, None))
        self.assertEqual(service.requests, [("POST", "/v1/dummy/echo", None, {})])

    def test_204_is_none(self) -> None:
        client, _, _, _ = stub_client()
        self.assertIsNone(self.successResultOf(client.call_command("nothing", "c", {})))

    def test_non_json_body_is_a_format_error(self) -> None:
        client, _, _, _ = stub_client()
        error = self.failureResultOf(client.call_command("not_json", "cid-2", {}), UnknownException).value
        self.assertEqual(error.code, "FORMAT_ERROR")
        self.assertEqual(error.correlation_id, "cid-2")
        assert error.details is not None
        self.assertEqual(error.details["status"], 200)
        self.assertEqual(error.details["body"], "plain text, not JSON")

    def test_html_error_page_is_unknown_with_its_status(self) -> None:
        client, _, _, _ = stub_client()
        error = self.failureResultOf(client.call_command("html_error", "cid-3", {}), UnknownException).value
        self.assertIs(type(error), UnknownException)
        self.assertEqual(error.status, 500)
        self.assertEqual(error.correlation_id, "cid-3")
        assert error.details is not None
        self.assertIn("Internal Server Error", error.details["body"])

    def test_plain_404_is_not_found(self) -> None:
        client, _, _, _ = stub_client()
        error = self.failureResultOf(client.call_command("no_such_command", "c", {}), NotFoundException).value
        self.assertEqual(error.status, 404)

    def test_date_arguments_are_iso_strings(self) -> None:
        import datetime

        client, service, _, _ = stub_client()
        when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        self.successResultOf(client.call_command("echo", None, {"when": when, "tags": {"x"}}))
        self.assertEqual(service.requests[0][3], {"when": "2024-01-02T03:04:05+00:00", "tags": ["x"]})

    def test_unserialisable_arguments_fail_without_a_request(self) -> None:
        client, service, _, _ = stub_client()
        failure = self.failureResultOf(client.call_command("echo", "c", {"x": object()}), BadRequestException)
        self.assertEqual(failure.value.code, "NOT_SERIALIZABLE")
        self.assertEqual(service.requests, [])


class ErrorTests(SynchronousTestCase):
    """Each category comes back as the same class with status, code, details and correlation id."""

    def test_every_category_round_trips(self) -> None:
        client, _, _, _ = stub_client()
        for cls in ERROR_CLASSES:
            sent = cls("cid-9", f"{cls.__name__.upper()}_CODE", f"{cls.__name__} happened")
            sent.with_details("key", cls.__name__).with_cause("the cause")
            body = ErrorDescription.from_error(sent).to_json()
            error = self.failureResultOf(client.call_command("fail", "cid-9", body), ApplicationException).value
            self.assertIs(type(error), cls)
            self.assertEqual(
                (error.category, error.code, error.message, error.status, error.correlation_id, error.cause),
                (sent.category, sent.code, sent.message, sent.status, "cid-9", "the cause"),
            )
            self.assertEqual(error.details, {"key": cls.__name__})

    def test_missing_correlation_id_is_filled_in(self) -> None:
        client, _, _, _ = stub_client()
        body = {"category": "Conflict", "code": "DUPLICATE", "message": "exists"}
        error = self.failureResultOf(client.call_command("fail", "mine", body), ConflictException).value
        self.assertEqual((error.correlation_id, error.status, error.code), ("mine", 409, "DUPLICATE"))

    def test_validation_error_keeps_list_details(self) -> None:
        client, _, _, _ = stub_client()
        results = [{"path": "udi", "type": "ERROR", "code": "VALUE_IS_NULL", "message": "udi must not be null",
                    "expected": None, "actual": None}]
        body = {"type": "ValidationException", "category": "BadRequest", "code": "INVALID_DATA",
                "message": "invalid", "details": {"results": results}, "correlation_id": "v"}
        error = self.failureResultOf(client.call_command("fail", "v", body), BadRequestException).value
        self.assertEqual(error.code, "INVALID_DATA")
        self.assertEqual(error.details, {"results": results})


class InstrumentationTests(SynchronousTestCase):
    def test_success_counts_and_times_the_call_and_traces_it(self) -> None:
        clock = Clock()
        references, logger, counters = instrumentation(clock)
        client, _, _, _ = stub_client(clock=clock)
        client.set_references(references)
        self.successResultOf(client.call_command("echo", "cid", {}))
        self.assertEqual(counters.get("v1/dummy.echo.call_count").count, 1)  # type: ignore[union-attr]
        self.assertEqual(counters.get("v1/dummy.echo.call_time").count, 1)  # type: ignore[union-attr]
        self.assertIsNone(counters.get("v1/dummy.echo.call_errors"))
        self.assertIn("Calling v1/dummy.echo", logger.messages(LogLevel.TRACE))
        self.assertEqual([e.correlation_id for e in logger.entries if e.level == LogLevel.TRACE], ["cid"])

    def test_failure_counts_an_error_and_logs_it(self) -> None:
        clock = Clock()
        references, logger, counters = instrumentation(clock)
        client, _, _, _ = stub_client(clock=clock)
        client.set_references(references)
        self.failureResultOf(client.call_command("html_error", "cid", {}), UnknownException)
        self.assertEqual(counters.get("v1/dummy.html_error.call_count").count, 1)  # type: ignore[union-attr]
        self.assertEqual(counters.get("v1/dummy.html_error.call_errors").count, 1)  # type: ignore[union-attr]
        self.assertEqual(counters.get("v1/dummy.html_error.call_time").count, 1)  # type: ignore[union-attr]
        errors = [e for e in logger.entries if e.level == LogLevel.ERROR]
        self.assertEqual(len(errors), 1)
        self.assertIsInstance(errors[0].error, UnknownException)


class _ThingsClient(RestClient):
    """A hand-written REST client: what users write on top of C{_call}."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("api", **kwargs)

    def get_thing(self, correlation_id: str, thing_id: str) -> Any:
        return self._call("GET", f"things/{thing_id}/echo", correlation_id, params={"deep": True, "n": 2},
                          name="get_thing")


class RestCallTests(SynchronousTestCase):
    def make(self) -> tuple[_ThingsClient, FakeService]:
        service = FakeService()
        client = with_reactor(_ThingsClient(http_client=StubTreq(service)), Clock())
        client.configure(ConfigParams.from_tuples("connection.uri", "http://example.test:9000/"))
        self.successResultOf(client.open(None))
        return client, service

    def test_query_parameters_and_route(self) -> None:
        client, service = self.make()
        result = self.successResultOf(client.get_thing("c 1", "a/b"))
        self.assertEqual(result["method"], "GET")
        self.assertEqual(service.requests, [("GET", "/api/things/a/b/echo", "c 1", None)])
        self.assertEqual(service.queries, [{"correlation_id": ["c 1"], "deep": ["true"], "n": ["2"]}])
        self.assertEqual(client.base_url, "http://example.test:9000")

    def test_counters_use_the_given_name(self) -> None:
        client, _ = self.make()
        references, _, counters = instrumentation()
        client.set_references(references)
        self.successResultOf(client.get_thing("c", "1"))
        self.assertEqual(counters.get("api.get_thing.call_count").count, 1)  # type: ignore[union-attr]

    def test_call_before_open_is_invalid_state(self) -> None:
        client = with_reactor(_ThingsClient(http_client=StubTreq(FakeService())), Clock())
        error = self.failureResultOf(client.get_thing("c", "1"), InvalidStateException).value
        self.assertEqual((error.code, error.correlation_id), ("NOT_OPENED", "c"))

    def test_close_then_calls_fail(self) -> None:
        client, _ = self.make()
        self.assertTrue(client.is_open())
        self.successResultOf(client.close(None))
        self.assertFalse(client.is_open())
        self.failureResultOf(client.get_thing("c", "1"), InvalidStateException)
