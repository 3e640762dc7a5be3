# -*- test-case-name: tests.errors.test_exceptions -*-
"""One ApplicationException subclass per error category, plus the foundation's own."""

from typing import ClassVar, Optional

from ._application_exception import ApplicationException
from ._category import ErrorCategory


class UnknownException(ApplicationException):
    """An error of which nothing more is known."""

    default_category: ClassVar[str] = ErrorCategory.UNKNOWN
    default_code: ClassVar[str] = "UNKNOWN"


class InternalException(ApplicationException):
    """A bug: a condition the code should never have reached."""

    default_category: ClassVar[str] = ErrorCategory.INTERNAL
    default_code: ClassVar[str] = "INTERNAL"


class ConfigException(ApplicationException):
    """A mistake in the user's configuration."""

    default_category: ClassVar[str] = ErrorCategory.MISCONFIGURATION
    default_code: ClassVar[str] = "MISCONFIGURATION"


class InvalidStateException(ApplicationException):
    """A call at the wrong moment, e.g. on a component that is not open."""

    default_category: ClassVar[str] = ErrorCategory.INVALID_STATE
    default_code: ClassVar[str] = "INVALID_STATE"


class ConnectionException(ApplicationException):
    """A server that does not answer or went away."""

    default_category: ClassVar[str] = ErrorCategory.NO_RESPONSE
    default_code: ClassVar[str] = "NO_RESPONSE"


class InvocationException(ApplicationException):
    """A call that was made but failed while it ran."""

    default_category: ClassVar[str] = ErrorCategory.FAILED_INVOCATION
    default_code: ClassVar[str] = "FAILED_INVOCATION"


class FileException(ApplicationException):
    """A file that cannot be read or written."""

    default_category: ClassVar[str] = ErrorCategory.FILE_ERROR
    default_code: ClassVar[str] = "FILE_ERROR"


class BadRequestException(ApplicationException):
    """A request with missing or wrong parameters."""

    default_category: ClassVar[str] = ErrorCategory.BAD_REQUEST
    default_code: ClassVar[str] = "BAD_REQUEST"


class UnauthorizedException(ApplicationException):
    """A caller without the rights for the call."""

    default_category: ClassVar[str] = ErrorCategory.UNAUTHORIZED
    default_code: ClassVar[str] = "UNAUTHORIZED"


class ForbiddenException(UnauthorizedException):
    """
    A caller who is known (authenticated) but lacks a role the call needs:
    status 403, where a caller who is not known gets 401.
    """

    default_code: ClassVar[str] = "FORBIDDEN"

    def __init__(
        self,
        correlation_id: Optional[str] = None,
        code: Optional[str] = None,
        message: Optional[str] = None,
        *,
        category: Optional[str] = None,
        status: Optional[int] = None,
    ) -> None:
        super().__init__(correlation_id, code, message, category=category, status=status or 403)


class NotFoundException(ApplicationException):
    """A requested object or route that does not exist."""

    default_category: ClassVar[str] = ErrorCategory.NOT_FOUND
    default_code: ClassVar[str] = "NOT_FOUND"


class ConflictException(ApplicationException):
    """A change that conflicts with the current state, e.g. a duplicate id."""

    default_category: ClassVar[str] = ErrorCategory.CONFLICT
    default_code: ClassVar[str] = "CONFLICT"


class UnsupportedException(ApplicationException):
    """An operation this implementation does not offer."""

    default_category: ClassVar[str] = ErrorCategory.UNSUPPORTED
    default_code: ClassVar[str] = "UNSUPPORTED"


class ReferenceException(InternalException):
    """A required reference that cannot be found."""

    default_code: ClassVar[str] = "REF_ERROR"

    def __init__(self, correlation_id: object = None, locator: object = None) -> None:
        super().__init__(
            None if correlation_id is None else str(correlation_id),
            "REF_ERROR",
            f"Failed to obtain reference to {locator}",
        )
        self.with_details("locator", str(locator))


class CreateException(InternalException):
    """A factory that cannot create the requested component."""

    default_code: ClassVar[str] = "CANNOT_CREATE"

    def __init__(
        self, correlation_id: object = None, locator: object = None, message: str | None = None
    ) -> None:
        super().__init__(
            None if correlation_id is None else str(correlation_id),
            "CANNOT_CREATE",
            message or f"Requested component {locator} cannot be created",
        )
        if locator is not None:
            self.with_details("locator", str(locator))


CATEGORY_CLASSES: dict[str, type[ApplicationException]] = {
    cls.default_category: cls
    for cls in (
        UnknownException,
        InternalException,
        ConfigException,
        InvalidStateException,
        ConnectionException,
        InvocationException,
        FileException,
        BadRequestException,
        UnauthorizedException,
        NotFoundException,
        ConflictException,
        UnsupportedException,
    )
}
