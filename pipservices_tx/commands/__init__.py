"""Commands and events: the operations a component exposes to commandable services."""

from ._caller_instruments import caller_instruments, take_caller_instruments
from ._command import Command, CommandFunction
from ._command_set import CommandSet
from ._event import Event
from ._intercepted_command import InterceptedCommand
from ._interfaces import ICommand, ICommandable, ICommandInterceptor, IEvent, IEventListener

__all__ = [
    "Command",
    "CommandFunction",
    "CommandSet",
    "Event",
    "ICommand",
    "ICommandInterceptor",
    "ICommandable",
    "IEvent",
    "IEventListener",
    "InterceptedCommand",
    "caller_instruments",
    "take_caller_instruments",
]
