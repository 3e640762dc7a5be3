# -*- test-case-name: tests.container.test_container -*-
"""Container: builds components from config, links them, opens in order, closes in reverse."""

from __future__ import annotations

from typing import Any, Iterable, Optional

from twisted.internet.defer import CancelledError, Deferred, TimeoutError, ensureDeferred
from twisted.internet.interfaces import IReactorTime
from zope.interface import implementer

from ..build import CompositeFactory, IFactory, import_type
from ..config import ConfigParams, IConfigurable, check_config_values, read_config_file
from ..errors import ApplicationException, ConfigException, InvalidStateException, annotate_error
from ..info import CONTAINER_INFO_LOCATOR, CONTEXT_INFO_DESCRIPTOR, ContextInfo
from ..lifecycle import IClosable, IDrainable, IOpenable, IReactorAware, ReactorAware, call_maybe_async
from ..logs import LOGGER_LOCATOR, CompositeLogger, ConsoleLogger
from ..refer import Descriptor, IReferenceable, IUnreferenceable, References
from ._container_config import ComponentConfig, parse_container_config
from ._default_container_factory import DefaultContainerFactory
from ._entry_checks import check_declared_interfaces

CONTAINER_DESCRIPTOR = Descriptor("pip-services", "container", "default", "default", "1.0")
FACTORY_DESCRIPTOR = Descriptor("pip-services", "factory", "container", "default", "1.0")
DEFAULT_LOGGER_DESCRIPTOR = Descriptor("pip-services", "logger", "console", "default", "1.0")


@implementer(IOpenable)
class Container(ReactorAware):
    """
    The microservice: its components, built from config entries in file
    order. C{phase_timeout} seconds bound each component's open and close,
    so a stuck component is named instead of hanging the process.

    Every component that provides L{IReactorAware} gets the container's
    reactor right after it is created: C{reactor} (a test passes a
    C{MemoryReactorClock}), else the global reactor.
    """

    def __init__(
        self,
        name: Optional[str] = None,
        description: Optional[str] = None,
        *,
        factories: Iterable[IFactory] = (),
        reactor: Optional[IReactorTime] = None,
        phase_timeout: float = 30.0,
    ) -> None:
        if reactor is not None:
            self.set_reactor(reactor)
        self.info = ContextInfo(name, description)
        self.factory = CompositeFactory([DefaultContainerFactory(), *factories])
        self.references = References()
        self.logger = CompositeLogger(component="container")
        self.phase_timeout = phase_timeout
        self.entries: list[ComponentConfig] = []
        self.source = "<config>"
        self._built: list[tuple[Optional[ComponentConfig], Any]] = []
        self._started: list[tuple[Optional[ComponentConfig], Any]] = []
        self._is_built = False
        self._is_open = False
        self._opening: Optional[Deferred[None]] = None

    # -- configuration --------------------------------------------------------

    def configure(self, config: ConfigParams, source: str = "<config>") -> None:
        """Takes the whole container config (a list of entries)."""
        self.source = source
        self.entries = parse_container_config(config, source)

    def read_config_from_file(
        self, path: str, parameters: Optional[ConfigParams] = None
    ) -> None:
        """Reads, renders and parses a YAML or JSON config file."""
        self.configure(read_config_file(path, parameters), path)

    def add_factory(self, factory: IFactory) -> None:
        """Lets later entries use C{factory}'s descriptors."""
        self.factory.add(factory)

    @property
    def components(self) -> list[Any]:
        """The components built from the config entries, in file order."""
        return [component for entry, component in self._built if entry is not None]

    # -- build ----------------------------------------------------------------

    def create_component(self, entry: ComponentConfig) -> Any:
        """
        Makes the component of one entry: imported by C{type}, else built by the
        factories. Override it to stand fakes in (the testing harness does).
        """
        if entry.type:
            cls = import_type(entry.type)
            try:
                return cls()
            except Exception as e:
                raise ConfigException(None, "CANNOT_CREATE", f"cannot create {cls.__name__}(): {e}").with_cause(e) from e
        if self.factory.can_create(entry.descriptor) is None:
            raise ConfigException(None, "UNKNOWN_DESCRIPTOR", "no factory creates this descriptor; "
                                  "add the factory that does to the config before this entry")
        return self.factory.create(entry.descriptor)

    def build(self, correlation_id: Optional[str] = None) -> None:
        """
        Creates and configures every entry in file order, then sets references
        on all. Raises an ApplicationException naming the entry that failed.
        """
        if self._is_built:
            return
        references = References()
        built: list[tuple[Optional[ComponentConfig], Any]] = [(None, self.info)]
        references.put(CONTEXT_INFO_DESCRIPTOR, self.info)
        references.put(FACTORY_DESCRIPTOR, self.factory)
        references.put(CONTAINER_DESCRIPTOR, self)
        for entry in self.entries:
            self._run_step(entry, "invalid config", check_config_values, entry.config)
            component = self._run_step(entry, "cannot create", self.create_component, entry)
            self._run_step(entry, "cannot use", check_declared_interfaces, component)
            if IReactorAware.providedBy(component):
                component.set_reactor(self.reactor)
            if IConfigurable.providedBy(component):
                self._run_step(entry, "cannot configure", component.configure, entry.config)
            if IFactory.providedBy(component):
                self.factory.add(component)
            references.put(entry.locator, component)
            built.append((entry, component))
        if not references.get_optional(LOGGER_LOCATOR):
            default_logger = ConsoleLogger()
            references.put(DEFAULT_LOGGER_DESCRIPTOR, default_logger)
            built.append((None, default_logger))
        info = references.get_one_optional(CONTEXT_INFO_DESCRIPTOR)
        if info is self.info:  # container-info is what pip-services3 configs call it
            info = references.get_one_optional(CONTAINER_INFO_LOCATOR) or info
            if info is not self.info:
                references.put(CONTEXT_INFO_DESCRIPTOR, info)
        if isinstance(info, ContextInfo) and info is not self.info:
            references.remove_all(self.info)
            built.remove((None, self.info))
            self.info = info
        for owner, component in built:
            if IReferenceable.providedBy(component):
                if owner is None:
                    component.set_references(references)
                else:
                    self._run_step(owner, "cannot set references", component.set_references, references)
        self.logger.set_references(references)
        self.references = references
        self._built = built
        self._is_built = True

    @staticmethod
    def _run_step(entry: ComponentConfig, what: str, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except Exception as e:
            raise annotate_error(e, f"{entry.label}: {what}") from e

    # -- lifecycle ------------------------------------------------------------

    def is_open(self) -> bool:
        return self._is_open

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """Builds if needed, then opens each IOpenable in file order."""
        if self._is_open:
            return Deferred.fromCoroutine(_noop())
        self._opening = ensureDeferred(self._open(correlation_id))
        return self._opening

    async def _open(self, correlation_id: Optional[str]) -> None:
        try:
            self.build(correlation_id)
            for entry, component in self._built:
                if IOpenable.providedBy(component):
                    try:
                        await self._bounded(component.open, correlation_id, entry, "open")
                    except BaseException as e:
                        error = _failure_of(e, entry, "failed to open")
                        self.logger.error(correlation_id, error, "Container %s failed to start", self.info.name)
                        self._started.append((entry, component))
                        await self._close_started(correlation_id)
                        raise error from e
                self._started.append((entry, component))
            self._is_open = True
            self.logger.info(correlation_id, "Container %s started", self.info.name)
        finally:
            self._opening = None

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """Closes each IClosable in reverse order; a failure is logged and the rest still close."""
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        if self._opening is not None:
            self._opening.cancel()
            try:
                await self._opening
            except BaseException:
                pass
        was_open = self._is_open
        self._is_open = False
        await self._drain_started(correlation_id)
        failures = await self._close_started(correlation_id)
        for _, component in reversed(self._built):
            if IUnreferenceable.providedBy(component):
                try:
                    component.unset_references()
                except Exception as e:
                    self.logger.error(correlation_id, e, "Failed to unset references")
        if was_open:
            self.logger.info(correlation_id, "Container %s stopped", self.info.name)
        if failures:
            raise failures[0]

    async def _drain_started(self, correlation_id: Optional[str]) -> None:
        """Graceful shutdown: listeners stop accepting and finish their requests first."""
        for entry, component in reversed(self._started):
            if IDrainable.providedBy(component):
                try:
                    await self._bounded(component.drain, correlation_id, entry, "drain")
                except Exception as e:
                    self.logger.warn(correlation_id, "%s", _failure_of(e, entry, "failed to drain"))

    async def _close_started(self, correlation_id: Optional[str]) -> list[ApplicationException]:
        failures: list[ApplicationException] = []
        while self._started:
            entry, component = self._started.pop()
            if not IClosable.providedBy(component):
                continue
            try:
                await self._bounded(component.close, correlation_id, entry, "close")
            except Exception as e:
                error = _failure_of(e, entry, "failed to close")
                self.logger.error(correlation_id, error, "Component failed to close")
                failures.append(error)
        return failures

    async def _bounded(self, method: Any, correlation_id: Optional[str], entry: Optional[ComponentConfig],
                       phase: str) -> None:
        d = call_maybe_async(method, correlation_id)
        if self.phase_timeout and self.phase_timeout > 0:
            d.addTimeout(self.phase_timeout, self.reactor)
        try:
            await d
        except TimeoutError:
            name = entry.label if entry else "a built-in component"
            raise InvalidStateException(
                correlation_id, "TIMEOUT", f"{name}: did not {phase} within {self.phase_timeout:g} s"
            ) from None


async def _noop() -> None:
    return None


def _failure_of(error: BaseException, entry: Optional[ComponentConfig], what: str) -> ApplicationException:
    if isinstance(error, InvalidStateException) and error.code == "TIMEOUT":
        return error
    if isinstance(error, CancelledError):
        error = InvalidStateException(None, "CANCELLED", "cancelled because the container is stopping")
    label = entry.label if entry is not None else "built-in component"
    return annotate_error(error, f"{label}: {what}")


__all__ = ["CONTAINER_DESCRIPTOR", "Container"]
