"""Plain values to generated structs and back, and errors to the IDL's ErrorDescription and back."""

from __future__ import annotations

from thrift.Thrift import TApplicationException, TType
from thrift.transport.TTransport import TTransportException
from twisted.internet.defer import TimeoutError
from twisted.trial.unittest import SynchronousTestCase

from examples.beacons.thrift_gen.beacons_v1.ttypes import BeaconsPageV1, BeaconV1, GeoPointV1
from examples.beacons.thrift_gen.beacons_v1.ttypes import ErrorDescription as BeaconsError
from pipservices_tx.data import DataPage
from pipservices_tx.errors import (
    ApplicationException,
    BadRequestException,
    ConflictException,
    ConnectionException,
    InvocationException,
    NotFoundException,
    UnsupportedException,
)
from pipservices_tx.thrift import ResultTypeError, error_from_thrift, error_to_thrift, from_plain, to_plain, wire_error
from pipservices_tx.thrift._generated.commandable.ttypes import ErrorDescription
from pipservices_tx.validation import ValidationException

PAGE = (TType.STRUCT, [BeaconsPageV1, BeaconsPageV1.thrift_spec])


class ConvertTests(SynchronousTestCase):
    def test_round_trip(self) -> None:
        beacon = {"id": "1", "site_id": "2", "udi": "3", "center": {"type": "Point", "coordinates": [1, 2.5]},
                  "radius": 5, "unknown_key": "dropped"}
        page = from_plain(*PAGE, DataPage([beacon], 1))
        self.assertEqual(page, BeaconsPageV1(1, [BeaconV1(id="1", site_id="2", udi="3", radius=5.0,
                                                          center=GeoPointV1("Point", [1.0, 2.5]))]))
        self.assertEqual(to_plain(page), {"total": 1, "data": [{
            "id": "1", "site_id": "2", "udi": "3", "center": {"type": "Point", "coordinates": [1.0, 2.5]},
            "radius": 5.0}]})

    def test_values_that_do_not_fit_name_their_path(self) -> None:
        cases = [
            ({"data": [{"udi": 5}]}, "result.data[0].udi should be a string"),
            ({"total": "many"}, "result.total should be an integer"),
            ({"total": 2**63}, "result.total should be an integer"),
            ({"total": True}, "result.total should be an integer"),
            ({"data": {"a": 1}}, "result.data should be a list"),
            ({"data": [{"radius": "far"}]}, "result.data[0].radius should be a number"),
            ([1], "result should be a BeaconsPageV1"),
        ]
        for value, message in cases:
            with self.assertRaises(ResultTypeError) as raised:
                from_plain(*PAGE, value)
            self.assertIn(message, raised.exception.message)
            self.assertEqual(raised.exception.code, "BAD_RESULT")
        self.assertEqual(from_plain(*PAGE, {"total": 3.0}).total, 3)
        self.assertTrue(from_plain(TType.BOOL, None, True))
        self.assertEqual(from_plain(TType.STRING, "BINARY", "é"), "é".encode())
        self.assertEqual(from_plain(TType.MAP, (TType.STRING, "UTF8", TType.I32, None, False), {"a": 1}), {"a": 1})
        self.assertEqual(from_plain(TType.SET, (TType.I32, None, False), [1, 1]), {1})


class ErrorTests(SynchronousTestCase):
    def test_an_application_exception_round_trip(self) -> None:
        error = ConflictException("cid", "DUPLICATE", "Already there").with_details("key", {"a": [1]})
        error.with_cause(ValueError("because"))
        wire = error_to_thrift(error, ErrorDescription)
        self.assertEqual((wire.type, wire.category, wire.status, wire.details),
                         ("ConflictException", "Conflict", 409, '{"key":{"a":[1]}}'))
        back = error_from_thrift(wire)
        self.assertIsInstance(back, ConflictException)
        self.assertEqual((back.code, back.message, back.status, back.correlation_id, back.details, back.cause),
                         ("DUPLICATE", "Already there", 409, "cid", {"key": {"a": [1]}}, "because"))
        validation = error_from_thrift(error_to_thrift(ValidationException("c", None, []), BeaconsError))
        self.assertIsInstance(validation, ValidationException)

    def test_stack_traces_only_when_asked(self) -> None:
        try:
            raise NotFoundException("c", "GONE", "gone")
        except NotFoundException as e:
            self.assertIsNone(error_to_thrift(e, ErrorDescription).stack_trace)
            self.assertIn("GONE", error_to_thrift(e, ErrorDescription, True).stack_trace)

    def test_odd_details_and_foreign_errors(self) -> None:
        error = BadRequestException("c", "X", "x").with_details("thing", object())
        self.assertIn("thing", error_to_thrift(error, ErrorDescription).details)
        unknown = error_to_thrift(ZeroDivisionError("boom"), ErrorDescription)
        self.assertEqual((unknown.category, unknown.status, unknown.message), ("Unknown", 500, "boom"))
        odd = error_from_thrift(ErrorDescription(category="Conflict", code="C", details="not json"), "cid")
        self.assertEqual((odd.details, odd.correlation_id), ({"details": "not json"}, "cid"))

    def test_what_a_call_can_fail_with(self) -> None:
        def kind(error: BaseException) -> tuple[type, str]:
            result = wire_error(error, "cid", "invoke", "thrift://h:1")
            self.assertIsInstance(result, ApplicationException)
            return type(result), result.code

        self.assertEqual(kind(TApplicationException(TApplicationException.UNKNOWN_METHOD, "no")),
                         (UnsupportedException, "UNKNOWN_METHOD"))
        self.assertEqual(kind(TApplicationException(TApplicationException.PROTOCOL_ERROR, "bad")),
                         (BadRequestException, "PROTOCOL_ERROR"))
        self.assertEqual(kind(TApplicationException(TApplicationException.INTERNAL_ERROR, "x")),
                         (InvocationException, "THRIFT_ERROR"))
        self.assertEqual(kind(TimeoutError()), (ConnectionException, "TIMEOUT"))
        self.assertEqual(kind(TTransportException(4, "closed")), (ConnectionException, "NO_RESPONSE"))
        self.assertEqual(kind(RuntimeError("?")), (InvocationException, "CALL_FAILED"))
