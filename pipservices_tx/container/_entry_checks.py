# -*- test-case-name: tests.container.test_entry_checks -*-
"""What the container checks in each entry before trusting it: its values, and the interfaces its class declares."""

from __future__ import annotations

from typing import Any

from zope.interface.interface import InterfaceClass

from ..config import IConfigurable
from ..errors import ConfigException
from ..lifecycle import IClosable, IDrainable, IOpenable
from ..refer import IReferenceable

# A lifecycle method the container calls only when the class declares its interface.
_LIFECYCLE: tuple[tuple[str, InterfaceClass], ...] = (
    ("configure", IConfigurable),
    ("set_references", IReferenceable),
    ("open", IOpenable),
    ("close", IClosable),
    ("drain", IDrainable),
)


def undeclared_lifecycle(component: Any) -> list[tuple[str, InterfaceClass]]:
    """The lifecycle methods C{component} has without providing their interface."""
    return [
        (method, interface) for method, interface in _LIFECYCLE
        if callable(getattr(component, method, None)) and not interface.providedBy(component)
    ]


def check_declared_interfaces(component: Any) -> None:
    """
    A class with C{configure}, C{open}... but no C{@implementer} would be
    created and then silently never configured or opened: a ConfigException
    C{UNDECLARED_INTERFACE} says which methods and what to declare.
    """
    missing = undeclared_lifecycle(component)
    if not missing:
        return
    methods = ", ".join(f"{method}()" for method, _ in missing)
    interfaces = ", ".join(dict.fromkeys(interface.__name__ for _, interface in missing))
    name = type(component).__name__
    raise ConfigException(
        None, "UNDECLARED_INTERFACE",
        f"{name} has {methods} but does not declare {interfaces}; "
        f"add @implementer({interfaces}) to {name}, or the container never calls them",
    ).with_details("missing", [interface.__name__ for _, interface in missing])
