# -*- test-case-name: tests.commands.test_command -*-
"""Calls user code for a command or event and makes its outcome a portable Deferred."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet.defer import CancelledError, Deferred, maybeDeferred
from twisted.python.failure import Failure

from ..errors import ApplicationException, InvocationException


def to_application_error(error: BaseException, kind: str, name: str, correlation_id: Optional[str]) -> BaseException:
    """
    C{error} itself when it is portable (given C{correlation_id} when it has
    none) or a cancellation; else an InvocationException C{EXEC_FAILED}
    naming the C{kind} ("command", "event") and C{name}, caused by C{error}.
    """
    if isinstance(error, ApplicationException):
        if error.correlation_id is None:
            error.correlation_id = correlation_id
        return error
    if isinstance(error, CancelledError) or not isinstance(error, Exception):
        return error
    detail = str(error) or type(error).__name__
    return (
        InvocationException(correlation_id, "EXEC_FAILED", f"Execution of {kind} {name} failed: {detail}")
        .with_details(kind, name)
        .with_cause(error)
    )


def invoke(
    kind: str, name: str, correlation_id: Optional[str], function: Callable[..., Any], *args: Any
) -> Deferred[Any]:
    """
    Calls C{function(*args)}, which may return a value, a Deferred or a
    coroutine or raise; the result is always a Deferred, and a failure is made
    portable by L{to_application_error}. A plain value costs no callback.
    """
    result = maybeDeferred(function, *args)
    if result.called and not isinstance(result.result, Failure):
        return result
    return result.addErrback(_portable_failure, kind, name, correlation_id)


def _portable_failure(failure: Failure, kind: str, name: str, correlation_id: Optional[str]) -> Failure:
    error = failure.value
    if error is None:
        return failure
    portable = to_application_error(error, kind, name, correlation_id)
    if portable is error:
        return failure
    return Failure(portable)
