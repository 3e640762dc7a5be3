# -*- test-case-name: tests.aws.test_lambda_service -*-
"""What a Lambda function host asks of the services it dispatches actions to."""

from __future__ import annotations

from typing import Any, Callable

from zope.interface import Attribute, Interface


class ILambdaService(Interface):
    """A component whose actions a Lambda function serves, each by its C{cmd}."""

    def get_actions() -> list[Any]:
        """The L{LambdaAction}s of this service (registered when it opened)."""


class ILambdaAction(Interface):
    cmd = Attribute("The value of the event's cmd that runs this action.")
    action = Attribute("action(event) -> Deferred: runs it with the whole event.")


LambdaActionFunction = Callable[[dict[str, Any]], Any]
