"""The container and its hosts: twistd plugin service, workers, reload and manhole."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._container import CONTAINER_DESCRIPTOR, Container
    from ._container_config import ComponentConfig, parse_container_config
    from ._default_container_factory import DefaultContainerFactory
    from ._plugin import PipsvcServiceMaker
    from ._service import ContainerService
    from ._twistd import Options, make_service

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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("CONTAINER_DESCRIPTOR", "Container"):
        from . import _container

        module = _container
    elif name in ("ComponentConfig", "parse_container_config"):
        from . import _container_config

        module = _container_config
    elif name == "DefaultContainerFactory":
        from . import _default_container_factory

        module = _default_container_factory
    elif name == "ContainerService":
        from . import _service

        module = _service
    elif name == "PipsvcServiceMaker":
        from . import _plugin

        module = _plugin
    elif name in ("Options", "make_service"):
        from . import _twistd

        module = _twistd
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
