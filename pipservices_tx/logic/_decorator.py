# -*- test-case-name: tests.logic.test_decorator -*-
"""Decorator: a proxy that stands in for a component and adds behaviour to some of its methods."""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

from twisted.internet.interfaces import IReactorTime
from zope.interface import implementedBy, implementer, providedBy
from zope.interface.declarations import Declaration

from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..errors import ConfigException, ReferenceException
from ..lifecycle import IClosable, ReactorAware
from ..logs import CompositeLogger
from ..refer import Descriptor, IReferenceable, IReferences, IUnreferenceable
from ._method_settings import method_settings

# The container drives these on the real component; a decorator claiming them
# would make it open, close or configure its target a second time.
_LIFECYCLE: tuple[Any, ...] = (IConfigurable, IReferenceable, IUnreferenceable, IClosable)

_OWN = frozenset(("_target", "_wrapped", "_methods", "_logger", "_counters", "_reactor"))


def forwarded_interfaces(target: Any) -> list[Any]:
    """The interfaces C{target} provides, less the container lifecycle ones."""
    kept = []
    for interface in providedBy(target).interfaces():
        if not any(interface.isOrExtends(excluded) for excluded in _LIFECYCLE):
            kept.append(interface)
    return kept


@implementer(IConfigurable, IReferenceable, IUnreferenceable)
class Decorator(ReactorAware):
    """
    Forwards every attribute to its target and declares the target's zope
    interfaces (C{verifyObject} passes for them), but not the lifecycle ones:
    the container configures, opens and closes the target itself.

    The target is C{dependencies.target} of config; without it, the component
    matching C{<group>:<type>:*:*:<version>} of this entry's own
    C{descriptor} that was registered just before it. Either way the
    decorator never finds itself, and of several matches prefers the newest
    one registered before it (so a chain of decorators wraps in file order).

    C{methods} (see L{method_settings}) names the methods a decorator
    applies to; a subclass says what happens without it (L{_default_all}).
    A method is wrapped once, on first access (L{_decorate}); others pass
    through unchanged. C{name} (config; default C{<group>.<type>} of the
    target descriptor, then the kind of each decorator it wraps, see
    L{_default_name}) prefixes counters and log messages.
    """

    _default_all = True
    """Without C{methods}: wrap every public method (True) or none (False)."""

    def __init__(self) -> None:
        self._target: Any = None
        self._wrapped: dict[str, Any] = {}
        self._methods: Optional[dict[str, ConfigParams]] = None
        self._logger = CompositeLogger(component=type(self).__name__)
        self._counters = CompositeCounters()
        self.decorator_name: Optional[str] = None
        self.own_descriptor: Optional[Descriptor] = None
        self.target_locator: Any = None

    # -- lifecycle ------------------------------------------------------------

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._counters.set_reactor(reactor)

    def configure(self, config: ConfigParams) -> None:
        try:
            self.own_descriptor = Descriptor.from_string(config.get_as_nullable_string("descriptor"))
        except ConfigException:
            self.own_descriptor = None
        target = config.get_as_nullable_string("dependencies.target")
        if target:
            self.target_locator = Descriptor.from_string(target)
        elif self.own_descriptor is not None:
            d = self.own_descriptor
            self.target_locator = Descriptor(d.group, d.type, None, None, d.version)
        self.decorator_name = config.get_as_nullable_string("name") or self.decorator_name
        self._methods = method_settings(config, "methods")

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        self._counters.set_references(references)
        if self.target_locator is None:
            raise ConfigException(
                None, "NO_TARGET", f"{type(self).__name__} needs dependencies.target (the component it wraps)"
            )
        self.set_target(self._find_target(references))

    def _find_target(self, references: IReferences) -> Any:
        found = references.get_optional(self.target_locator)
        mine = next((index for index, c in enumerate(found) if c is self), None)
        before = found[:mine] if mine is not None else found
        after = found[mine + 1:] if mine is not None else []
        candidates = before or after
        if not candidates:
            raise ReferenceException(None, self.target_locator)
        return candidates[-1]

    def unset_references(self) -> None:
        self._target = None
        self._reset()

    def set_target(self, target: Any) -> None:
        """Wraps C{target} (what C{set_references} does; useful in tests)."""
        if target is None or target is self:
            raise ValueError("A decorator needs a target other than itself")
        self._target = target
        self._reset()
        if self.decorator_name is None:
            self.decorator_name = self._default_name(target)
        self._logger.component = self.decorator_name
        self._check_methods(target)

    def _reset(self) -> None:
        for name in self._wrapped:
            self.__dict__.pop(name, None)
        self._wrapped = {}

    def _check_methods(self, target: Any) -> None:
        for name in self._methods or ():
            if not callable(getattr(target, name, None)):
                raise ConfigException(
                    None, "NO_METHOD", f"{self.decorator_name}: the target has no method '{name}' to decorate"
                ).with_details("method", name)

    @property
    def target(self) -> Any:
        """The wrapped component (None before C{set_references})."""
        return self._target

    # -- forwarding -----------------------------------------------------------

    @property
    def __providedBy__(self) -> Any:
        """
        This class's interfaces plus the target's (less the lifecycle ones),
        computed when asked: a decorator wrapping a decorator declares the
        right interfaces whichever got its references first.
        """
        own = implementedBy(type(self))
        target = self.__dict__.get("_target")
        if target is None:
            return own
        return Declaration(own, *forwarded_interfaces(target))

    def applies_to(self, name: str) -> bool:
        """True when C{name} is a method this decorator wraps."""
        if self._methods is not None:
            return name in self._methods
        return self._default_all and not name.startswith("_")

    def settings_of(self, name: str) -> ConfigParams:
        """The config of method C{name} (empty when it has none)."""
        return (self._methods or {}).get(name) or ConfigParams()

    def _decorate(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        """The wrapper of the target's method C{name}; a subclass adds its behaviour."""
        return method

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in _OWN:
            raise AttributeError(name)
        target = self.__dict__.get("_target")
        if target is None:
            raise AttributeError(f"{type(self).__name__} has no target yet, so no attribute '{name}'")
        value = getattr(target, name)
        if callable(value) and self.applies_to(name):
            value = _signed_like(self._decorate(name, value), value)
            self._wrapped[name] = value
            self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.decorator_name} of {self._target!r}>"


    def _default_name(self, target: Any) -> str:
        """
        C{<group>.<type>} of the target locator; on a decorator, that one's
        name and this one's kind (C{beacons.persistence.caching-decorator}),
        so that two decorators of one chain never share counters.
        """
        if isinstance(target, Decorator):
            inner = target.decorator_name or target._default_name(target.target)
            own = self.own_descriptor
            kind = own.kind if own is not None and own.kind not in (None, "*") else type(self).__name__
            return f"{inner}.{kind}"
        locator = self.target_locator
        if isinstance(locator, Descriptor) and locator.group and locator.type:
            return f"{locator.group}.{locator.type}"
        return type(target).__name__


def _signed_like(wrapper: Any, method: Any) -> Any:
    """
    C{wrapper} with the name, docs and signature of C{method} (C{__wrapped__}),
    so that a decorator wrapping this one still sees the parameter names
    (the caching decorator's keys leave C{correlation_id} out by name).
    """
    if wrapper is not method:
        try:
            functools.update_wrapper(wrapper, method)
        except (AttributeError, TypeError):  # a wrapper that takes no attributes
            pass
    return wrapper
