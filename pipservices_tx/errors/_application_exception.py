# -*- test-case-name: tests.errors.test_exceptions -*-
"""The portable exception every component raises and every wire carries."""

from __future__ import annotations

import traceback
from typing import Any, ClassVar, Optional

from ._category import STATUS_BY_CATEGORY, ErrorCategory


class ApplicationException(Exception):
    """
    An error with a category, a code and a correlation id that crosses the wire
    and comes back as the same class.
    """

    default_category: ClassVar[str] = ErrorCategory.UNKNOWN
    default_code: ClassVar[str] = "UNKNOWN"

    def __init__(
        self,
        correlation_id: Optional[str] = None,
        code: Optional[str] = None,
        message: Optional[str] = None,
        *,
        category: Optional[str] = None,
        status: Optional[int] = None,
    ) -> None:
        self.category: str = category or self.default_category
        self.code: str = code or self.default_code
        self.message: str = message or self.code
        self.status: int = status or STATUS_BY_CATEGORY.get(self.category, 500)
        self.correlation_id: Optional[str] = correlation_id
        self.details: Optional[dict[str, Any]] = None
        self.cause: Optional[str] = None
        self.stack_trace: Optional[str] = None
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, "
            f"correlation_id={self.correlation_id!r})"
        )

    def with_code(self, code: str) -> ApplicationException:
        self.code = code or self.default_code
        return self

    def with_status(self, status: int) -> ApplicationException:
        self.status = status
        return self

    def with_details(self, key: str, value: Any) -> ApplicationException:
        """Adds one detail, e.g. the offending value or the file path."""
        if self.details is None:
            self.details = {}
        self.details[key] = value
        return self

    def with_cause(self, cause: BaseException | str | None) -> ApplicationException:
        """Keeps the original error: its message as C{cause}, itself as C{__cause__}."""
        if isinstance(cause, BaseException):
            self.__cause__ = cause
            self.cause = str(cause) or type(cause).__name__
        else:
            self.cause = cause
        return self

    def with_correlation_id(self, correlation_id: Optional[str]) -> ApplicationException:
        self.correlation_id = correlation_id
        return self

    def with_stack_trace(self, stack_trace: Optional[str]) -> ApplicationException:
        self.stack_trace = stack_trace
        return self

    def get_stack_trace(self) -> Optional[str]:
        """The remote stack trace when there is one, else this error's own."""
        if self.stack_trace:
            return self.stack_trace
        if self.__traceback__ is None:
            return None
        return "".join(traceback.format_exception(type(self), self, self.__traceback__))

    @classmethod
    def wrap(cls, error: BaseException, correlation_id: Optional[str] = None) -> ApplicationException:
        """Returns C{error} if it is already portable, else a C{cls} caused by it."""
        if isinstance(error, ApplicationException):
            return error
        return cls(correlation_id, None, str(error) or type(error).__name__).with_cause(error)
