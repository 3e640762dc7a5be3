"""Lifecycle contracts, the container and its twistd service."""

from ._container import CONTAINER_DESCRIPTOR, Container
from ._container_config import ComponentConfig, parse_container_config
from ._interfaces import ICleanable, IClosable, IExecutable, INotifiable, IOpenable, IParameterized
from ._lifecycle import call_maybe_async, clear_all, close_all, execute_all, notify_all, open_all
from ._service import ContainerService
from ._twistd import Options, PipsvcServiceMaker, make_service

__all__ = [
    "CONTAINER_DESCRIPTOR",
    "ComponentConfig",
    "Container",
    "ContainerService",
    "ICleanable",
    "IClosable",
    "IExecutable",
    "INotifiable",
    "IOpenable",
    "IParameterized",
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
