# -*- test-case-name: tests.commands -*-
"""The command contracts: commands, events, their listeners and interceptors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from zope.interface import Attribute, Interface

if TYPE_CHECKING:
    from twisted.internet.defer import Deferred

    from ..validation import ValidationResult
    from ._command_set import CommandSet


class ICommand(Interface):
    """
    A named operation with a schema for its arguments, callable remotely:
    the commandable services expose one route per command.
    """

    name = Attribute("The command name, unique within its command set.")
    schema = Attribute("The Schema the arguments must satisfy, or None to accept anything.")

    def execute(correlation_id: Optional[str], args: Optional[dict[str, Any]]) -> Deferred[Any]:
        """
        Validates C{args} (a JSON object; None means C{{}}), then runs; fires
        with the result or fails with an ApplicationException.
        """

    def validate(args: Optional[dict[str, Any]]) -> list[ValidationResult]:
        """The ValidationResults of C{args} against the schema; empty when valid."""


class IEventListener(Interface):
    """Something told when an event is raised."""

    def on_event(correlation_id: Optional[str], event: IEvent, args: dict[str, Any]) -> Any:
        """Handles C{event}; may return a value, a Deferred or a coroutine."""


class IEvent(Interface):
    """A named notification that listeners subscribe to."""

    name = Attribute("The event name, unique within its command set.")
    listeners = Attribute("The subscribed IEventListeners, in subscription order (a copy).")

    def add_listener(listener: IEventListener) -> None:
        """Subscribes C{listener}; subscribing it twice has no effect."""

    def remove_listener(listener: IEventListener) -> None:
        """Unsubscribes C{listener}, if it was subscribed."""

    def notify(correlation_id: Optional[str], args: Optional[dict[str, Any]]) -> Deferred[None]:
        """Calls every listener; fires once all are done, failing if any failed."""


class ICommandInterceptor(Interface):
    """
    Wraps the commands of a command set, e.g. to log, time or count every
    call. See L{CommandSet.add_interceptor} for the order of several.
    """

    def get_name(command: ICommand) -> str:
        """The name the wrapped C{command} is known by; usually C{command.name}."""

    def execute(correlation_id: Optional[str], command: ICommand, args: Optional[dict[str, Any]]) -> Deferred[Any]:
        """
        Runs C{command} (through C{command.execute}) with whatever it adds
        around it; may also return a value or a coroutine.
        """

    def validate(command: ICommand, args: Optional[dict[str, Any]]) -> list[ValidationResult]:
        """Validates C{args} for C{command}; usually C{command.validate(args)}."""


class ICommandable(Interface):
    """A component (usually a controller) that exposes its operations as commands."""

    def get_command_set() -> CommandSet:
        """The command set the commandable services expose."""
