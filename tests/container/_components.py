"""Components and factories the container tests build from config."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.internet.interfaces import IReactorTime
from twisted.internet.task import deferLater
from zope.interface import implementer

from pipservices_tx.build import Factory
from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import LogEntry, Logger, LogLevel
from pipservices_tx.refer import Descriptor, IReferenceable, IReferences, IUnreferenceable

# Components created by `type:` cannot take arguments; they write here.
TYPE_JOURNAL: list[str] = []


@implementer(IConfigurable, IReferenceable, IUnreferenceable, IOpenable)
class Recorder:
    """
    Writes each lifecycle call to C{journal}. Config: C{fail_open},
    C{hang_open}, C{fail_close}, C{fail_configure}, C{require} (a
    descriptor it looks up with get_one_required).
    """

    def __init__(self, journal: list[str], name: str, clock: Optional[IReactorTime] = None) -> None:
        self.journal = journal
        self.name = name
        self.clock = clock
        self.config = ConfigParams()
        self.references: Optional[IReferences] = None
        self.opened = False
        self.pending: Optional[Deferred[None]] = None

    def configure(self, config: ConfigParams) -> None:
        self.journal.append(f"configure {self.name}")
        self.config = config
        if config.get_as_boolean("fail_configure"):
            raise ValueError(f"{self.name} does not like its config")

    def set_references(self, references: IReferences) -> None:
        self.journal.append(f"set_references {self.name}")
        self.references = references
        required = self.config.get_as_nullable_string("require")
        if required:
            references.get_one_required(Descriptor.parse(required))

    def unset_references(self) -> None:
        self.journal.append(f"unset_references {self.name}")
        self.references = None

    def is_open(self) -> bool:
        return self.opened

    def _open_now(self) -> None:
        if self.config.get_as_boolean("fail_open"):
            self.journal.append(f"fail open {self.name}")
            raise ConnectionError(f"{self.name} cannot connect")
        self.journal.append(f"open {self.name}")
        self.opened = True

    def _close_now(self) -> None:
        self.opened = False
        if self.config.get_as_boolean("fail_close"):
            self.journal.append(f"fail close {self.name}")
            raise RuntimeError(f"{self.name} cannot close")
        self.journal.append(f"close {self.name}")

    def _hang(self) -> Optional[Deferred[None]]:
        if self.config.get_as_boolean("hang_open"):
            self.journal.append(f"hang {self.name}")
            self.pending = Deferred(lambda d: self.journal.append(f"cancelled {self.name}"))
            return self.pending
        return None

    def open(self, correlation_id: Optional[str]) -> Any:
        return self._hang() or self._open_now()

    def close(self, correlation_id: Optional[str]) -> Any:
        self._close_now()


class DeferredRecorder(Recorder):
    """Opens and closes one clock second later, through a Deferred."""

    def open(self, correlation_id: Optional[str]) -> Any:
        hanging = self._hang()
        if hanging is not None:
            return hanging
        assert self.clock is not None
        return deferLater(self.clock, 1, self._open_now)

    def close(self, correlation_id: Optional[str]) -> Any:
        assert self.clock is not None
        return deferLater(self.clock, 1, self._close_now)


class AsyncRecorder(Recorder):
    """Opens and closes with C{async def}, waiting one clock second."""

    async def open(self, correlation_id: Optional[str]) -> None:  # type: ignore[override]
        hanging = self._hang()
        if hanging is not None:
            await hanging
            return
        assert self.clock is not None
        await deferLater(self.clock, 1, lambda: None)
        self._open_now()

    async def close(self, correlation_id: Optional[str]) -> None:  # type: ignore[override]
        assert self.clock is not None
        await deferLater(self.clock, 1, lambda: None)
        self._close_now()


class MemoryLogger(Logger):
    """A logger the container finds under C{test:logger:memory:*:1.0}."""

    def __init__(self) -> None:
        super().__init__(LogLevel.TRACE)
        self.entries: list[LogEntry] = []

    def _write(self, entry: LogEntry) -> None:
        self.entries.append(entry)

    @property
    def messages(self) -> list[str]:
        return [entry.message for entry in self.entries]


def recorder_factory(journal: list[str], clock: IReactorTime) -> Factory:
    """C{test:recorder:{plain,deferred,async}:<name>:1.0} and C{test:logger:memory:*:1.0}."""
    factory = Factory()
    for kind, cls in (("plain", Recorder), ("deferred", DeferredRecorder), ("async", AsyncRecorder)):
        factory.register(
            Descriptor("test", "recorder", kind, "*", "1.0"),
            lambda locator, cls=cls: cls(journal, locator.name, clock),
        )
    factory.register_as_type(Descriptor("test", "logger", "memory", "*", "1.0"), MemoryLogger)
    return factory


@implementer(IOpenable)
class TypeComponent:
    """A component named by C{type:}; writes to L{TYPE_JOURNAL}."""

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        TYPE_JOURNAL.append("open TypeComponent")
        return succeed(None)

    def close(self, correlation_id: Optional[str]) -> None:
        TYPE_JOURNAL.append("close TypeComponent")

    def is_open(self) -> bool:
        return True


class WidgetFactory(Factory):
    """A factory named by C{type:} in config, for C{test:widget:default:*:1.0}."""

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("test", "widget", "default", "*", "1.0"), TypeComponent)


class NeedsArguments:
    """A C{type:} that cannot be created without arguments."""

    def __init__(self, required: str) -> None:
        self.required = required
