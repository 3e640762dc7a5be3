"""Tests for ValidationException: message, details, wire round trip, strictness."""

from __future__ import annotations

import json

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import (
    BadRequestException,
    ErrorCategory,
    ErrorDescription,
    error_from_description,
)
from pipservices_tx.validation import ValidationException, ValidationResult, ValidationResultType

ERROR = ValidationResult("a", ValidationResultType.Error, "VALUE_IS_NULL", "a must not be null", "NOT NULL", None)
WARNING = ValidationResult("b", ValidationResultType.Warning, "ODD", "b looks odd", None, 1)
INFO = ValidationResult("c", ValidationResultType.Information, "FYI", "c noted", None, None)


class ValidationExceptionTests(SynchronousTestCase):
    def test_is_a_bad_request(self) -> None:
        error = ValidationException("corr", None, [ERROR, WARNING])
        self.assertIsInstance(error, BadRequestException)
        self.assertEqual(error.category, ErrorCategory.BAD_REQUEST)
        self.assertEqual(error.status, 400)
        self.assertEqual(error.code, "INVALID_DATA")
        self.assertEqual(error.correlation_id, "corr")
        self.assertEqual(error.message, "Validation failed: a must not be null; b looks odd")
        self.assertEqual(error.details, {"results": [ERROR.to_json(), WARNING.to_json()]})
        self.assertEqual(error.results, [ERROR, WARNING])

    def test_explicit_message(self) -> None:
        self.assertEqual(ValidationException(None, "bad").message, "bad")
        self.assertEqual(ValidationException().message, "Validation failed")

    def test_comes_back_from_the_wire_as_itself(self) -> None:
        error = ValidationException("corr", None, [ERROR])
        body = json.loads(json.dumps(ErrorDescription.from_error(error).to_json()))
        self.assertEqual(body["details"]["results"][0]["code"], "VALUE_IS_NULL")
        rebuilt = error_from_description(ErrorDescription.from_json(body))
        self.assertIsInstance(rebuilt, ValidationException)
        self.assertEqual((rebuilt.code, rebuilt.status, rebuilt.correlation_id), ("INVALID_DATA", 400, "corr"))
        self.assertEqual(rebuilt.results, [ERROR])  # type: ignore[attr-defined]

    def test_found_by_code_when_type_is_foreign(self) -> None:
        body = {"type": "SomethingElse", "category": "BadRequest", "code": "INVALID_DATA", "message": "m"}
        rebuilt = error_from_description(ErrorDescription.from_json(body))
        self.assertIsInstance(rebuilt, ValidationException)
        self.assertEqual(rebuilt.results, [])  # type: ignore[attr-defined]

    def test_throw_exception_if_needed(self) -> None:
        ValidationException.throw_exception_if_needed("c", [], False)
        ValidationException.throw_exception_if_needed("c", [WARNING, INFO], False)
        ValidationException.throw_exception_if_needed("c", [INFO], True)
        error = self.assertRaises(ValidationException, ValidationException.throw_exception_if_needed, "c", [WARNING],
                                  True)
        self.assertEqual(error.results, [WARNING])
        error = self.assertRaises(ValidationException, ValidationException.throw_exception_if_needed, "c",
                                  [INFO, ERROR], False)
        self.assertEqual(error.results, [INFO, ERROR])
        self.assertEqual(error.correlation_id, "c")
