# -*- test-case-name: tests.validation.test_exception -*-
"""ValidationException: a BadRequest (code INVALID_DATA) carrying every finding."""

from __future__ import annotations

import json
from typing import ClassVar, Iterable, Mapping, Optional, Sequence

from ..errors import BadRequestException
from ._result import ValidationResult
from ._result_type import ValidationResultType


class ValidationException(BadRequestException):
    """
    The message lists every finding; C{details["results"]} holds their wire
    form, so the exception rebuilt by a client still has them (L{results}).
    """

    default_code: ClassVar[str] = "INVALID_DATA"

    def __init__(
        self,
        correlation_id: Optional[str] = None,
        message: Optional[str] = None,
        results: Optional[Iterable[ValidationResult]] = None,
    ) -> None:
        results = list(results or [])
        super().__init__(correlation_id, self.default_code, message or self.compose_message(results))
        self.with_details("results", [result.to_json() for result in results])

    @property
    def results(self) -> list[ValidationResult]:
        """The findings, read back from C{details} (also after a trip over the wire)."""
        raw = (self.details or {}).get("results")
        if isinstance(raw, str):
            # pip-services3 sends the findings as JSON objects joined by commas.
            try:
                raw = json.loads(f"[{raw}]")
            except ValueError:
                return []
        if not isinstance(raw, list):
            return []
        return [ValidationResult.from_json(item) for item in raw if isinstance(item, Mapping)]

    @staticmethod
    def compose_message(results: Sequence[ValidationResult]) -> str:
        if not results:
            return "Validation failed"
        return "Validation failed: " + "; ".join(result.message for result in results)

    @classmethod
    def from_results(
        cls, correlation_id: Optional[str], results: Sequence[ValidationResult], strict: bool
    ) -> Optional[ValidationException]:
        """An exception when there is an error (or, when C{strict}, a warning); else None."""
        serious = {ValidationResultType.Error}
        if strict:
            serious.add(ValidationResultType.Warning)
        if not any(result.type in serious for result in results):
            return None
        return cls(correlation_id, None, results)

    @classmethod
    def throw_exception_if_needed(
        cls, correlation_id: Optional[str], results: Sequence[ValidationResult], strict: bool = False
    ) -> None:
        error = cls.from_results(correlation_id, results, strict)
        if error is not None:
            raise error
