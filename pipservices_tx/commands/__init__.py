"""Commands and events: the operations a component exposes to commandable services."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("caller_instruments", "take_caller_instruments"):
        from . import _caller_instruments

        module = _caller_instruments
    elif name in ("Command", "CommandFunction"):
        from . import _command

        module = _command
    elif name == "CommandSet":
        from . import _command_set

        module = _command_set
    elif name == "Event":
        from . import _event

        module = _event
    elif name == "InterceptedCommand":
        from . import _intercepted_command

        module = _intercepted_command
    elif name in ("ICommand", "ICommandable", "ICommandInterceptor", "IEvent", "IEventListener"):
        from . import _interfaces

        module = _interfaces
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
