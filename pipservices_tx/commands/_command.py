# -*- test-case-name: tests.commands.test_command -*-
"""Command: a named function with an argument schema."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, fail
from twisted.python.failure import Failure
from zope.interface import implementer

from ..validation import Schema, ValidationResult
from ._interfaces import ICommand
from ._invoke import invoke, to_application_error

CommandFunction = Callable[[Optional[str], dict[str, Any]], Any]
"""C{function(correlation_id, args)}: returns a value, a Deferred or a coroutine."""


@implementer(ICommand)
class Command:
    """
    Runs C{function(correlation_id, args)} once C{args} satisfy C{schema}.

    The function may return a plain value, a Deferred or a coroutine (an
    C{async def}). An error it raises or fails with that is not an
    ApplicationException becomes an InvocationException C{EXEC_FAILED} caused
    by it; an ApplicationException passes unchanged (given the correlation id
    when it has none). Invalid arguments fail with the schema's
    ValidationException (C{INVALID_DATA}) and the function is not called.
    Any object with C{validate} and C{validate_and_throw_exception} serves as
    C{schema}; None accepts any arguments.
    """

    def __init__(self, name: str, schema: Optional[Schema], function: CommandFunction) -> None:
        self.name = name
        self.schema = schema
        self._function = function

    def __repr__(self) -> str:
        return f"Command({self.name!r})"

    def execute(self, correlation_id: Optional[str], args: Optional[dict[str, Any]]) -> Deferred[Any]:
        if args is None:
            args = {}
        if self.schema is not None:
            try:
                self.schema.validate_and_throw_exception(correlation_id, args)
            except Exception as error:
                return fail(Failure(to_application_error(error, "command", self.name, correlation_id)))
        return invoke("command", self.name, correlation_id, self._function, correlation_id, args)

    def validate(self, args: Optional[dict[str, Any]]) -> list[ValidationResult]:
        if self.schema is None:
            return []
        return list(self.schema.validate({} if args is None else args))
