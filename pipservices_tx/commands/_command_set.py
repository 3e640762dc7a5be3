# -*- test-case-name: tests.commands.test_command_set -*-
"""CommandSet: the commands and events a component exposes, found by name."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from twisted.internet.defer import Deferred, fail
from twisted.python.failure import Failure

from ..errors import BadRequestException
from ..validation import ValidationResult, ValidationResultType
from ._intercepted_command import InterceptedCommand
from ._interfaces import ICommand, ICommandInterceptor, IEvent, IEventListener
from ._invoke import to_application_error


class CommandSet:
    """
    Commands and events by name, plus the interceptors wrapped around every
    command. A command or event added under a name already in the set
    replaces the earlier one (so a set can override what it merged).
    """

    def __init__(self) -> None:
        self._commands: dict[str, ICommand] = {}
        self._chains: dict[str, ICommand] = {}
        self._events: dict[str, IEvent] = {}
        self._interceptors: list[ICommandInterceptor] = []
        self._listeners: list[IEventListener] = []

    @property
    def commands(self) -> list[ICommand]:
        """The commands as they run (inside the interceptors), in the order added."""
        return list(self._chains.values())

    @property
    def events(self) -> list[IEvent]:
        """The events, in the order added."""
        return list(self._events.values())

    def find_command(self, name: str) -> Optional[ICommand]:
        """The command called C{name} (inside the interceptors), or None."""
        return self._chains.get(name)

    def find_event(self, name: str) -> Optional[IEvent]:
        return self._events.get(name)

    def add_command(self, command: ICommand) -> None:
        self._commands[command.name] = command
        self._chains = self._build_chains()

    def add_commands(self, commands: Iterable[ICommand]) -> None:
        for command in commands:
            self._commands[command.name] = command
        self._chains = self._build_chains()

    def add_event(self, event: IEvent) -> None:
        """Adds C{event}; the set's listeners (L{add_listener}) subscribe to it."""
        self._events[event.name] = event
        for listener in self._listeners:
            event.add_listener(listener)

    def add_events(self, events: Iterable[IEvent]) -> None:
        for event in events:
            self.add_event(event)

    def add_command_set(self, command_set: CommandSet) -> None:
        """
        Adds the commands (as they run there, with that set's interceptors
        at this moment) and the events of C{command_set}.
        """
        self.add_commands(command_set.commands)
        self.add_events(command_set.events)

    def add_interceptor(self, interceptor: ICommandInterceptor) -> None:
        """
        Wraps every command, present and future, in C{interceptor}.

        The first interceptor added is the outermost: it sees a call first and
        its outcome last. Each later one runs inside those added before it, so
        the last added runs innermost, right around the command (and its
        argument validation, which a command does itself: an interceptor sees
        invalid calls fail with C{INVALID_DATA}).
        """
        self._interceptors.append(interceptor)
        self._chains = self._build_chains()

    def _build_chains(self) -> dict[str, ICommand]:
        chains: dict[str, ICommand] = {}
        for command in self._commands.values():
            for interceptor in reversed(self._interceptors):
                command = InterceptedCommand(interceptor, command)
            chains[command.name] = command
        return chains

    def execute(self, correlation_id: Optional[str], name: str, args: Optional[dict[str, Any]]) -> Deferred[Any]:
        """
        Runs the command called C{name}; fails with BadRequestException
        C{CMD_NOT_FOUND} when there is none.
        """
        command = self._chains.get(name)
        if command is None:
            return fail(
                BadRequestException(correlation_id, "CMD_NOT_FOUND", f"Requested command does not exist: {name}")
                .with_details("command", name)
            )
        try:
            return command.execute(correlation_id, args)
        except Exception as error:
            return fail(Failure(to_application_error(error, "command", name, correlation_id)))

    def validate(self, name: str, args: Optional[dict[str, Any]]) -> list[ValidationResult]:
        """
        The ValidationResults of C{args} for the command called C{name}; one
        error C{CMD_NOT_FOUND} when there is none.
        """
        command = self._chains.get(name)
        if command is None:
            return [_command_not_found(name)]
        return command.validate(args)

    def add_listener(self, listener: IEventListener) -> None:
        """Subscribes C{listener} to every event, including those added later."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        for event in self._events.values():
            event.add_listener(listener)

    def remove_listener(self, listener: IEventListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)
        for event in self._events.values():
            event.remove_listener(listener)

    def notify(self, correlation_id: Optional[str], event_name: str, args: Optional[dict[str, Any]]) -> Deferred[None]:
        """
        Raises the event called C{event_name} (see L{Event.notify}); fails with
        BadRequestException C{EVENT_NOT_FOUND} when there is none.
        """
        event = self._events.get(event_name)
        if event is None:
            return fail(
                BadRequestException(
                    correlation_id, "EVENT_NOT_FOUND", f"Requested event does not exist: {event_name}"
                ).with_details("event", event_name)
            )
        try:
            return event.notify(correlation_id, args)
        except Exception as error:
            return fail(Failure(to_application_error(error, "event", event_name, correlation_id)))


def _command_not_found(name: str) -> ValidationResult:
    return ValidationResult(
        "", ValidationResultType.Error, "CMD_NOT_FOUND", f"Requested command does not exist: {name}", None, name
    )
