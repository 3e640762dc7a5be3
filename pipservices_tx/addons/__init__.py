"""
Addons: components a service adds by config for operations.

  - L{RandomShutdown} (C{pip-services:shutdown:random:default:1.0}): chaos
    for resilience drills, off unless C{enabled: true};
  - L{NodeRegistry} (C{pip-services:node-registry:discovery:default:1.0}):
    announces this instance in discovery while it runs;
  - L{StatusRestService}: C{GET /status}, the same class as
    L{pipservices_tx.services.StatusRestService}
    (C{pip-services:status-service:http:default:1.0}).

For example::

    - descriptor: "pip-services:discovery:etcd:default:1.0"
    - descriptor: "pip-services:endpoint:http:default:1.0"
      connection: {protocol: http, host: 0.0.0.0, port: 8080}
    - descriptor: "pip-services:node-registry:discovery:default:1.0"
      connection: {host: "{{POD_IP}}"}
      version: "1.4.2"
    - descriptor: "pip-services:shutdown:random:default:1.0"
      enabled: "{{CHAOS}}{{^CHAOS}}false{{/CHAOS}}"
      mode: stop
      options: {min_timeout: 600000, max_timeout: 3600000}
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..services import StatusRestService
    from ._default_addons_factory import DefaultAddonsFactory
    from ._node_registry import ENDPOINT_LOCATOR, NodeRegistry
    from ._random_shutdown import MODES, RandomShutdown

__all__ = [
    "DefaultAddonsFactory",
    "ENDPOINT_LOCATOR",
    "MODES",
    "NodeRegistry",
    "RandomShutdown",
    "StatusRestService",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "StatusRestService":
        from .. import services

        module = services
    elif name == "DefaultAddonsFactory":
        from . import _default_addons_factory

        module = _default_addons_factory
    elif name in ("ENDPOINT_LOCATOR", "NodeRegistry"):
        from . import _node_registry

        module = _node_registry
    elif name in ("MODES", "RandomShutdown"):
        from . import _random_shutdown

        module = _random_shutdown
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
