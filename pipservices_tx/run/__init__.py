"""Lifecycle contracts, the container and its twistd service."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes
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
from ._lifecycle import call_maybe_async, clear_all, close_all, execute_all, notify_all, open_all

if TYPE_CHECKING:
    from ._container import CONTAINER_DESCRIPTOR, Container
    from ._container_config import ComponentConfig, parse_container_config
    from ._service import ContainerService
    from ._twistd import Options, PipsvcServiceMaker, make_service

# The container imports every area (logs, counters, services...), and those
# import the lifecycle interfaces above: loading it on first use keeps
# "from pipservices_tx.run import IOpenable" free of import cycles.
__getattr__ = lazy_attributes(__name__, {
    "CONTAINER_DESCRIPTOR": "._container",
    "Container": "._container",
    "ComponentConfig": "._container_config",
    "parse_container_config": "._container_config",
    "ContainerService": "._service",
    "Options": "._twistd",
    "PipsvcServiceMaker": "._twistd",
    "make_service": "._twistd",
})


__all__ = [
    "CONTAINER_DESCRIPTOR",
    "ComponentConfig",
    "Container",
    "ContainerService",
    "ICleanable",
    "IClosable",
    "IDrainable",
    "IExecutable",
    "INotifiable",
    "IOpenable",
    "IParameterized",
    "IReactorAware",
    "Options",
    "PipsvcServiceMaker",
    "call_maybe_async",
    "clear_all",
    "close_all",
    "execute_all",
    "make_service",
    "notify_all",
    "open_all",
    "parse_container_config",
]
