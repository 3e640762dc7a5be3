# -*- test-case-name: tests.errors.test_exceptions -*-
"""Error categories and the HTTP status each one maps to on the wire."""

from typing import Final


class ErrorCategory:
    """The portable error categories shared by every Pip.Services language."""

    UNKNOWN: Final = "Unknown"
    INTERNAL: Final = "Internal"
    MISCONFIGURATION: Final = "Misconfiguration"
    INVALID_STATE: Final = "InvalidState"
    NO_RESPONSE: Final = "NoResponse"
    FAILED_INVOCATION: Final = "FailedInvocation"
    FILE_ERROR: Final = "FileError"
    BAD_REQUEST: Final = "BadRequest"
    UNAUTHORIZED: Final = "Unauthorized"
    NOT_FOUND: Final = "NotFound"
    CONFLICT: Final = "Conflict"
    UNSUPPORTED: Final = "Unsupported"


STATUS_BY_CATEGORY: Final[dict[str, int]] = {
    ErrorCategory.UNKNOWN: 500,
    ErrorCategory.INTERNAL: 500,
    ErrorCategory.MISCONFIGURATION: 500,
    ErrorCategory.INVALID_STATE: 500,
    # 503 rather than pip-services3's 500: load balancers and retrying clients
    # read it as "try again elsewhere" (docs/protocol.rst, section 5).
    ErrorCategory.NO_RESPONSE: 503,
    ErrorCategory.FAILED_INVOCATION: 500,
    ErrorCategory.FILE_ERROR: 500,
    ErrorCategory.BAD_REQUEST: 400,
    ErrorCategory.UNAUTHORIZED: 401,
    ErrorCategory.NOT_FOUND: 404,
    ErrorCategory.CONFLICT: 409,
    ErrorCategory.UNSUPPORTED: 501,
}
