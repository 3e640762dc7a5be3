"""The container and its hosts: twistd plugin service, workers, reload and manhole."""

from ._container import CONTAINER_DESCRIPTOR, Container
from ._container_config import ComponentConfig, parse_container_config
from ._default_container_factory import DefaultContainerFactory
from ._service import ContainerService
from ._twistd import Options, PipsvcServiceMaker, make_service

__all__ = [
    "CONTAINER_DESCRIPTOR",
    "ComponentConfig",
    "Container",
    "ContainerService",
    "DefaultContainerFactory",
    "Options",
    "PipsvcServiceMaker",
    "make_service",
    "parse_container_config",
]
