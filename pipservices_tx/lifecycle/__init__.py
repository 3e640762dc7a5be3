"""Lifecycle contracts: what a component declares to be opened, closed, drained and given a reactor."""

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
