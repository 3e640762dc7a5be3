# -*- test-case-name: tests.aws.test_lambda_service -*-
"""LambdaService and CommandableLambdaService: the actions a Lambda function dispatches by cmd."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from twisted.internet.defer import Deferred, maybeDeferred, succeed
from twisted.python.failure import Failure
from zope.interface import implementer

from ..commands import ICommandable, caller_instruments
from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..errors import ApplicationException, ReferenceException
from ..lifecycle import IClosable, IOpenable
from ..logs import CompositeLogger
from ..refer import DependencyResolver, IReferenceable, IReferences
from ..services import sanitize_correlation_id
from ._interfaces import ILambdaAction, ILambdaService, LambdaActionFunction


@implementer(ILambdaAction)
@dataclass(frozen=True)
class LambdaAction:
    """One action: the event's C{cmd} that selects it and the function that runs it."""

    cmd: str
    action: LambdaActionFunction


@implementer(ILambdaService, IOpenable, IClosable, IConfigurable, IReferenceable)
class LambdaService:
    """
    The base of services inside a Lambda function: a subclass adds its
    actions in L{register} with L{register_action}. With C{service_name}
    configured, each action's cmd is C{<service_name>.<name>}. Each run counts
    C{<cmd>.exec_count}, C{exec_time} and C{exec_errors}.
    """

    def __init__(self, name: Optional[str] = None) -> None:
        self.name = name
        self._actions: list[LambdaAction] = []
        self._opened = False
        self._dependency_resolver = DependencyResolver()
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()

    def configure(self, config: ConfigParams) -> None:
        self.name = config.get_as_nullable_string("service_name") or self.name
        self._dependency_resolver.configure(config)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        self._counters.set_references(references)
        self._dependency_resolver.set_references(references)

    def get_actions(self) -> list[LambdaAction]:
        return list(self._actions)

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        if not self._opened:
            self._actions = []
            self.register()
            self._opened = True
        return succeed(None)

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        self._opened = False
        self._actions = []
        return succeed(None)

    def register(self) -> None:
        """Where a subclass calls L{register_action} for each of its actions."""

    def register_action(self, name: str, action: LambdaActionFunction) -> None:
        """Adds C{action(event)} (a value, Deferred or coroutine) under C{name}, instrumented."""
        cmd = f"{self.name}.{name}" if self.name else name
        counters = self._counters

        def run(event: dict[str, Any]) -> Deferred[Any]:
            correlation_id = sanitize_correlation_id(str(event.get("correlation_id") or "")) or None
            timing = counters.begin_timing(cmd + ".exec_time")
            counters.increment_one(cmd + ".exec_count")

            def done(result: Any) -> Any:
                timing.end_timing()
                if isinstance(result, Failure):
                    counters.increment_one(cmd + ".exec_errors")
                    error = result.value
                    if not isinstance(error, ApplicationException) or error.status >= 500:
                        self._logger.error(correlation_id, error, "Failed to execute %s action", cmd)
                return result

            with caller_instruments():  # counted and logged here, not again by the controller's interceptor
                d = maybeDeferred(action, event)
            return d.addBoth(done)

        self._actions.append(LambdaAction(cmd, run))


class CommandableLambdaService(LambdaService):
    """
    Every command of the C{controller} dependency (C{dependencies.controller})
    as an action: the event's other fields (all but C{cmd} and
    C{correlation_id}) are the command's arguments. Config: C{service_name}
    (prefixes the actions: C{beacons.get_beacons}), C{dependencies.controller}.
    """

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        controller = self._dependency_resolver.get_one_required("controller")
        if not ICommandable.providedBy(controller) and not hasattr(controller, "get_command_set"):
            raise ReferenceException(None, "controller (an ICommandable)")
        self._controller = controller

    def register(self) -> None:
        for command in self._controller.get_command_set().commands:
            self.register_action(command.name, _command_action(command))


def _command_action(command: Any) -> LambdaActionFunction:
    def action(event: dict[str, Any]) -> Deferred[Any]:
        correlation_id = sanitize_correlation_id(str(event.get("correlation_id") or "")) or None
        args = {key: value for key, value in event.items() if key not in ("cmd", "correlation_id")}
        return command.execute(correlation_id, args)

    return action
