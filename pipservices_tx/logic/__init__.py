"""
Logic helpers: a controller base with free instrumentation, and decorators.

L{CommandableController} runs every command through an
L{InstrumentingInterceptor}: trace log C{Executing <name>.<command>},
counters C{<name>.<command>.exec_count}, C{.exec_time}, C{.exec_errors}.

A decorator wraps any component and adds behaviour to some of its methods
(L{LoggingDecorator}, L{CachingDecorator}, L{RetryDecorator},
L{TimeoutDecorator}); it forwards everything else and declares the same
zope interfaces. It is added in config.yml between a consumer and the
component it wraps, with no change to either: give the decorator entry the
descriptor the consumer looks up (same group, type and version), with the
kind C{<decorator>-decorator}, and put it AFTER the component it wraps (a
lookup returns the newest match, so the consumer gets the decorator) and
BEFORE its consumers (so it has found its target when they look)::

    - descriptor: "pip-services:cache:memory:default:1.0"

    - descriptor: "beacons:persistence:memory:default:1.0"

    # BeaconsController looks up beacons:persistence:*:*:1.0: it gets this one.
    - descriptor: "beacons:persistence:caching-decorator:default:1.0"
      dependencies:
        target: "beacons:persistence:memory:default:1.0"   # optional, see below
      methods:
        get_one_by_id: {ttl: 30000, key: "beacon:{id}"}
        get_one_by_udi: {ttl: 30000}
      invalidate: [create, update, delete_by_id]

    # Decorators chain: this one wraps the caching decorator above.
    - descriptor: "beacons:persistence:logging-decorator:default:1.0"

    - descriptor: "beacons:controller:default:default:1.0"

The target is C{dependencies.target}; without it, the component matching
C{<group>:<type>:*:*:<version>} of the entry's descriptor registered just
before the decorator, so a chain wraps in file order. Any descriptor works
with C{type: "CachingDecorator,pipservices_tx.logic"} instead of the kind.
Alternatively a decorator registered as C{pip-services:decorator:caching:
<name>:1.0} is found by consumers whose own config points at it
(C{dependencies.persistence: "pip-services:decorator:caching:<name>:1.0"}).

Each decorator prefixes its counters and log messages with its C{name}:
by default C{<group>.<type>} of its target (C{beacons.persistence}), and
for one that wraps another decorator, that one's name and its own kind
(C{beacons.persistence.logging-decorator} above), so the decorators of one
chain never add to each other's counters.

The decorators are not opened, closed or configured through to their target:
the container does that to the target's own entry. A decorator sees the
calls made through it: wrapping a controller decorates its methods, not the
commands of its command set (those call the controller directly; the
controller base instruments them).
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._cache_keys import DEFAULT_TEMPLATE, CacheKeys
    from ._caching_decorator import CachingDecorator
    from ._commandable_controller import CommandableController
    from ._decorator import Decorator, forwarded_interfaces
    from ._default_logic_factory import DefaultLogicFactory
    from ._instrumenting_interceptor import InstrumentingInterceptor, is_invalid_call
    from ._logging_decorator import LoggingDecorator
    from ._method_settings import method_settings
    from ._retry_decorator import RetryDecorator, is_retryable
    from ._timeout_decorator import TimeoutDecorator

__all__ = [
    "CacheKeys",
    "CachingDecorator",
    "CommandableController",
    "DEFAULT_TEMPLATE",
    "Decorator",
    "DefaultLogicFactory",
    "InstrumentingInterceptor",
    "LoggingDecorator",
    "RetryDecorator",
    "TimeoutDecorator",
    "forwarded_interfaces",
    "is_invalid_call",
    "is_retryable",
    "method_settings",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("DEFAULT_TEMPLATE", "CacheKeys"):
        from . import _cache_keys

        module = _cache_keys
    elif name == "CachingDecorator":
        from . import _caching_decorator

        module = _caching_decorator
    elif name == "CommandableController":
        from . import _commandable_controller

        module = _commandable_controller
    elif name in ("Decorator", "forwarded_interfaces"):
        from . import _decorator

        module = _decorator
    elif name == "DefaultLogicFactory":
        from . import _default_logic_factory

        module = _default_logic_factory
    elif name in ("InstrumentingInterceptor", "is_invalid_call"):
        from . import _instrumenting_interceptor

        module = _instrumenting_interceptor
    elif name == "LoggingDecorator":
        from . import _logging_decorator

        module = _logging_decorator
    elif name == "method_settings":
        from . import _method_settings

        module = _method_settings
    elif name in ("RetryDecorator", "is_retryable"):
        from . import _retry_decorator

        module = _retry_decorator
    elif name == "TimeoutDecorator":
        from . import _timeout_decorator

        module = _timeout_decorator
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
