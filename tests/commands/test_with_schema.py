"""Commands validated by the real L{pipservices_tx.validation} schemas."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.commands import Command, CommandSet
from pipservices_tx.errors import BadRequestException
from pipservices_tx.validation import ObjectSchema, ValidationException, ValidationResultType

from ._fakes import Recorder


def _beacon_schema() -> ObjectSchema:
    beacon = (
        ObjectSchema(allow_undefined=True)
        .with_required_property("udi", "String")
        .with_required_property("site_id", "String")
    )
    return ObjectSchema().with_required_property("beacon", beacon)


class RealSchemaTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.function = Recorder("created")
        self.commands = CommandSet()
        self.commands.add_command(Command("create_beacon", _beacon_schema(), self.function))

    def test_missing_nested_property_is_rejected_before_running(self) -> None:
        result = self.commands.execute("cid", "create_beacon", {"beacon": {"site_id": 5}})
        error = self.failureResultOf(result, ValidationException).value
        self.assertIsInstance(error, BadRequestException)
        self.assertEqual((error.code, error.status, error.correlation_id), ("INVALID_DATA", 400, "cid"))
        paths = {(r.path, r.code) for r in error.results}
        self.assertIn(("beacon.udi", "VALUE_IS_NULL"), paths)
        self.assertIn(("beacon.site_id", "TYPE_MISMATCH"), paths)
        self.assertEqual(self.function.calls, [])

    def test_missing_arguments_are_rejected(self) -> None:
        for args in (None, {}):
            error = self.failureResultOf(self.commands.execute("cid", "create_beacon", args), ValidationException).value
            self.assertEqual([r.path for r in error.results], ["beacon"])
        self.assertEqual(self.function.calls, [])

    def test_unexpected_argument_is_rejected(self) -> None:
        args = {"beacon": {"udi": "00001", "site_id": "1"}, "extra": True}
        error = self.failureResultOf(self.commands.execute("cid", "create_beacon", args), ValidationException).value
        self.assertEqual([(r.path, r.code) for r in error.results], [("extra", "UNEXPECTED_PROPERTY")])

    def test_valid_arguments_run(self) -> None:
        args = {"beacon": {"udi": "00001", "site_id": "1", "label": "TestBeacon1"}}
        self.assertEqual(self.successResultOf(self.commands.execute("cid", "create_beacon", args)), "created")
        self.assertEqual(self.function.calls, [("cid", args)])

    def test_validate_returns_results(self) -> None:
        self.assertEqual(self.commands.validate("create_beacon", {"beacon": {"udi": "u", "site_id": "1"}}), [])
        results = self.commands.validate("create_beacon", {"beacon": {"site_id": "1"}})
        self.assertEqual([(r.path, r.type, r.code) for r in results],
                         [("beacon.udi", ValidationResultType.Error, "VALUE_IS_NULL")])

    def test_validate_unknown_command(self) -> None:
        [result] = self.commands.validate("nope", {})
        self.assertEqual((result.type, result.code, result.actual), (ValidationResultType.Error, "CMD_NOT_FOUND", "nope"))
        self.assertIn("nope", result.message)
