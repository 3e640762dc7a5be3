"""Small stand-ins shared by the command tests."""

from __future__ import annotations

from typing import Any, Optional

from pipservices_tx.errors import BadRequestException


class FakeSchema:
    """Requires the keys in C{required}; records what it validated."""

    def __init__(self, *required: str) -> None:
        self.required = required
        self.validated: list[Any] = []

    def validate(self, args: Any) -> list[str]:
        self.validated.append(args)
        return [f"{key} is required" for key in self.required if key not in args]

    def validate_and_throw_exception(self, correlation_id: Optional[str], args: Any) -> None:
        results = self.validate(args)
        if results:
            raise BadRequestException(correlation_id, "INVALID_DATA", "; ".join(results)).with_details(
                "results", results
            )


class Recorder:
    """A command function that records its calls and returns C{result}."""

    def __init__(self, result: Any = None) -> None:
        self.result = result
        self.calls: list[tuple[Optional[str], Any]] = []

    def __call__(self, correlation_id: Optional[str], args: Any) -> Any:
        self.calls.append((correlation_id, args))
        return self.result
