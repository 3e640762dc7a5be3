# -*- test-case-name: tests.errors.test_description -*-
"""The wire form of an error, and the factories between it and exceptions."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from ._application_exception import ApplicationException
from ._category import STATUS_BY_CATEGORY, ErrorCategory
from ._exceptions import CATEGORY_CLASSES, UnknownException

_FIELDS = (
    "type", "category", "status", "code", "message", "details",
    "correlation_id", "cause", "stack_trace",
)


@dataclass
class ErrorDescription:
    """The JSON error body of docs/protocol.rst, section 5."""

    type: Optional[str] = None
    category: str = ErrorCategory.UNKNOWN
    status: int = 500
    code: str = "UNKNOWN"
    message: str = ""
    details: Optional[dict[str, Any]] = None
    correlation_id: Optional[str] = None
    cause: Optional[str] = None
    stack_trace: Optional[str] = field(default=None, repr=False)

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    @classmethod
    def from_json(cls, value: Any) -> ErrorDescription:
        """Reads a wire body leniently: unknown keys are ignored, odd types coerced."""
        if not isinstance(value, Mapping):
            return cls(message=str(value), code="UNKNOWN")
        category = str(value.get("category") or ErrorCategory.UNKNOWN)
        status = value.get("status")
        details = value.get("details")
        return cls(
            type=_opt_str(value.get("type")),
            category=category,
            status=status if isinstance(status, int) and not isinstance(status, bool)
            else STATUS_BY_CATEGORY.get(category, 500),
            code=str(value.get("code") or "UNKNOWN"),
            message=str(value.get("message") or ""),
            details=dict(details) if isinstance(details, Mapping) else None,
            correlation_id=_opt_str(value.get("correlation_id")),
            cause=_opt_str(value.get("cause")),
            stack_trace=_opt_str(value.get("stack_trace")),
        )

    @classmethod
    def from_error(cls, error: BaseException, include_stack_trace: bool = False) -> ErrorDescription:
        """Describes any error; non-portable ones become category Unknown."""
        if isinstance(error, ApplicationException):
            return cls(
                type=type(error).__name__,
                category=error.category,
                status=error.status,
                code=error.code,
                message=error.message,
                details=error.details,
                correlation_id=error.correlation_id,
                cause=error.cause,
                stack_trace=error.get_stack_trace() if include_stack_trace else None,
            )
        return cls(
            type=type(error).__name__,
            category=ErrorCategory.UNKNOWN,
            status=500,
            code="UNKNOWN",
            message=str(error) or type(error).__name__,
            stack_trace="".join(traceback.format_exception(type(error), error, error.__traceback__))
            if include_stack_trace else None,
        )


def _opt_str(value: Any) -> Optional[str]:
    return None if value is None else str(value)


_by_type: dict[str, type[ApplicationException]] = {}
_by_code: dict[tuple[str, str], type[ApplicationException]] = {}


def register_error_class(cls: type[ApplicationException], code: Optional[str] = None) -> None:
    """
    Lets L{error_from_description} rebuild C{cls}: by its class name in C{type},
    and by its category with C{code} (default: its C{default_code}).
    """
    _by_type[cls.__name__] = cls
    _by_code[(cls.default_category, code or cls.default_code)] = cls


def error_from_description(description: ErrorDescription) -> ApplicationException:
    """Rebuilds the closest exception class, keeping status, details and ids."""
    cls = _by_type.get(description.type or "")
    if cls is None or cls.default_category != description.category:
        cls = _by_code.get((description.category, description.code)) or CATEGORY_CLASSES.get(
            description.category, UnknownException
        )
    error = ApplicationException.__new__(cls)
    ApplicationException.__init__(
        error,
        description.correlation_id,
        description.code,
        description.message,
        category=description.category,
        status=description.status,
    )
    error.details = description.details
    error.cause = description.cause
    error.stack_trace = description.stack_trace
    return error


def annotate_error(error: BaseException, prefix: str) -> ApplicationException:
    """
    The same kind of error with C{prefix: } before its message, e.g. the
    config entry that failed; details, code and correlation id are kept.
    """
    description = ErrorDescription.from_error(error)
    if not isinstance(error, ApplicationException):
        description.category = ErrorCategory.UNKNOWN
        description.message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    description.message = f"{prefix}: {description.message}"
    result = error_from_description(description)
    result.__cause__ = error
    return result
