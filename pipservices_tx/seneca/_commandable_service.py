# -*- test-case-name: tests.seneca.test_beacons -*-
"""CommandableSenecaService: a controller's commands as the seneca actions C{<pin>,cmd:<command>}."""

from __future__ import annotations

from typing import Any, Optional

from ..commands import Command, ICommandable, caller_instruments
from ..errors import ReferenceException
from ..refer import IReferences
from ._patterns import PatternLike
from ._service import SenecaAction, SenecaService


class CommandableSenecaService(SenecaService):
    """
    Serves the command set of the C{controller} dependency (set it with
    C{dependencies.controller}): the act C{{role: "beacons", cmd:
    "get_beacon_by_id", correlation_id: "c1", beacon_id: "1"}} runs the
    command C{get_beacon_by_id} with C{{"beacon_id": "1"}} for the pin
    C{role:beacons} (config C{pin}). Invalid arguments fail as the command
    validates them; an act whose C{cmd} is no command is C{ACT_NOT_FOUND}.
    """

    def __init__(self, pin: PatternLike = None) -> None:
        super().__init__(pin)
        self._controller: Any = None

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._controller = self._dependency_resolver.get_one_required("controller")
        if not ICommandable.providedBy(self._controller) and not hasattr(self._controller, "get_command_set"):
            raise ReferenceException(None, "controller (an ICommandable)")

    def register(self) -> None:
        for command in self._controller.get_command_set().commands:
            self.register_action({"cmd": command.name}, _counted_here(command), name=command.name)


def _counted_here(command: Any) -> SenecaAction:
    """
    The command, started as a call this service counts, times and logs (not
    the controller's interceptor). A plain L{Command} has no interceptor to
    tell: it runs as it is, so that a command of another component it calls
    in turn is counted by its own interceptor as usual.
    """
    execute: SenecaAction = command.execute
    if type(command) is Command:
        return execute

    def action(correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        with caller_instruments():
            return execute(correlation_id, args)

    return action
