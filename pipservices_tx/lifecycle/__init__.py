"""Lifecycle contracts: what a component declares to be opened, closed, drained and given a reactor."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._backoff import BackoffPolicy, backoff
    from ._calls import call_maybe_async, clear_all, close_all, execute_all, notify_all, open_all
    from ._inherited_sockets import LISTEN_FDS_VARIABLE, inherited_fd
    from ._interfaces import (
        ICleanable,
        IClosable,
        IDrainable,
        IExecutable,
        INotifiable,
        IOpenable,
        IParameterized,
        IReactorAware,
    )
    from ._reactor import ReactorAware, global_reactor

__all__ = [
    "BackoffPolicy",
    "ICleanable",
    "IClosable",
    "IDrainable",
    "IExecutable",
    "INotifiable",
    "IOpenable",
    "IParameterized",
    "IReactorAware",
    "LISTEN_FDS_VARIABLE",
    "ReactorAware",
    "backoff",
    "call_maybe_async",
    "clear_all",
    "close_all",
    "execute_all",
    "global_reactor",
    "inherited_fd",
    "notify_all",
    "open_all",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("BackoffPolicy", "backoff"):
        from . import _backoff

        module = _backoff
    elif name in ("call_maybe_async", "clear_all", "close_all", "execute_all", "notify_all", "open_all"):
        from . import _calls

        module = _calls
    elif name in ("LISTEN_FDS_VARIABLE", "inherited_fd"):
        from . import _inherited_sockets

        module = _inherited_sockets
    elif name in (
        "ICleanable",
        "IClosable",
        "IDrainable",
        "IExecutable",
        "INotifiable",
        "IOpenable",
        "IParameterized",
        "IReactorAware",
    ):
        from . import _interfaces

        module = _interfaces
    elif name in ("ReactorAware", "global_reactor"):
        from . import _reactor

        module = _reactor
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
