# -*- test-case-name: tests.commands.test_interceptors -*-
"""InterceptedCommand: a command seen through one interceptor."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred
from zope.interface import implementer

from ..validation import Schema, ValidationResult
from ._interfaces import ICommand, ICommandInterceptor
from ._invoke import invoke


@implementer(ICommand)
class InterceptedCommand:
    """
    Runs C{interceptor} around C{next} (a command, or another
    InterceptedCommand: that is how interceptors chain). The interceptor's
    own errors are made portable like a command's.
    """

    def __init__(self, interceptor: ICommandInterceptor, next: ICommand) -> None:
        self.interceptor = interceptor
        self.next = next
        self.name: str = interceptor.get_name(next)
        self.schema: Optional[Schema] = next.schema

    def __repr__(self) -> str:
        return f"InterceptedCommand({self.interceptor!r}, {self.next!r})"

    def execute(self, correlation_id: Optional[str], args: Optional[dict[str, Any]]) -> Deferred[Any]:
        return invoke(
            "command", self.name, correlation_id, self.interceptor.execute, correlation_id, self.next, args
        )

    def validate(self, args: Optional[dict[str, Any]]) -> list[ValidationResult]:
        return list(self.interceptor.validate(self.next, args))
