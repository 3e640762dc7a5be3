# -*- test-case-name: tests.persistence_sql.test_dialects -*-
"""SqlErrorMeaning: what a driver error means, and the one table that turns it into a portable exception."""

from __future__ import annotations

from typing import Any, Optional

import attrs

from ...errors import (
    ApplicationException,
    BadRequestException,
    ConflictException,
    ConnectionException,
    InternalException,
)

#: The longest server message kept in an exception (a value echoed back can be huge).
MAX_MESSAGE = 500

# code: (exception class, message template)
_PORTABLE: dict[str, tuple[type[ApplicationException], str]] = {
    "TIMEOUT": (ConnectionException, "{server} statement timed out: {message}"),
    "CONNECTION_LOST": (ConnectionException, "{server} connection failed: {message}"),
    "DUPLICATE_KEY": (ConflictException, "{server}: {message}"),
    "BAD_DATA": (BadRequestException, "{server} rejected the data: {message}"),
    "INVALID_CHARACTER": (BadRequestException, "{message}"),
    "SQL_ERROR": (InternalException, "{server} error: {message}"),
}


def one_line(text: str) -> str:
    """The server's words on one line (drivers add newlines and tabs), at most L{MAX_MESSAGE} characters."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 3] + "..."


@attrs.frozen
class SqlErrorMeaning:
    """
    A dialect's reading of a driver error: the portable C{code} (a key of
    the table below), the server's C{message} (never the statement), and a
    C{detail} pair for the exception's details (C{("sqlstate", "23505")}).

      - C{TIMEOUT}, C{CONNECTION_LOST}: ConnectionException (503);
      - C{DUPLICATE_KEY}: ConflictException (409);
      - C{BAD_DATA}, C{INVALID_CHARACTER}: BadRequestException (400);
      - C{SQL_ERROR}: InternalException (500).
    """

    code: str
    message: str
    detail: Optional[tuple[str, Any]] = None

    def to_exception(self, server: str, correlation_id: Optional[str], cause: BaseException) -> ApplicationException:
        """The portable exception, with the driver error as its cause."""
        exception_class, template = _PORTABLE.get(self.code, _PORTABLE["SQL_ERROR"])
        code = self.code if self.code in _PORTABLE else "SQL_ERROR"
        result = exception_class(correlation_id, code, template.format(server=server, message=one_line(self.message)))
        if self.detail is not None:
            result.with_details(*self.detail)
        return result.with_cause(cause)
