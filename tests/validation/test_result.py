"""Tests for ValidationResult and ValidationResultType."""

from __future__ import annotations

import datetime

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.validation import ValidationResult, ValidationResultType


class ValidationResultTests(SynchronousTestCase):
    def test_numbering(self) -> None:
        self.assertEqual(
            [(t.name, int(t)) for t in ValidationResultType],
            [("Information", 0), ("Warning", 1), ("Error", 2)],
        )

    def test_wire_form(self) -> None:
        result = ValidationResult(
            "a.b", ValidationResultType.Warning, "CODE", "message",
            ["x", datetime.datetime(2020, 1, 1)], float("nan"),
        )
        self.assertEqual(
            result.to_json(),
            {"path": "a.b", "type": "Warning", "code": "CODE", "message": "message",
             "expected": ["x", "2020-01-01T00:00:00+00:00"], "actual": None},
        )

    def test_from_json(self) -> None:
        result = ValidationResult("p", ValidationResultType.Error, "C", "m", "String", "Integer")
        self.assertEqual(ValidationResult.from_json(result.to_json()), result)
        self.assertEqual(ValidationResult.from_json({"type": 1}).type, ValidationResultType.Warning)
        self.assertEqual(ValidationResult.from_json({"type": "information"}).type, ValidationResultType.Information)
        lenient = ValidationResult.from_json({"type": "odd", "path": None})
        self.assertEqual((lenient.type, lenient.path, lenient.code), (ValidationResultType.Error, "", ""))
