"""Test doubles shared by the logic tests: a capturing logger, counters, a target with an interface."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, fail, succeed
from zope.interface import Interface, implementer

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.counters import CachedCounters, Counter
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import LogEntry, Logger, LogLevel
from pipservices_tx.refer import Descriptor, References

LOGGER = Descriptor("pip-services", "logger", "capture", "default", "1.0")
COUNTERS = Descriptor("pip-services", "counters", "memory", "default", "1.0")


class CapturingLogger(Logger):
    """Keeps every entry at any level."""

    def __init__(self) -> None:
        super().__init__(LogLevel.TRACE)
        self.entries: list[LogEntry] = []

    def _write(self, entry: LogEntry) -> None:
        self.entries.append(entry)

    def messages(self, level: Optional[LogLevel] = None) -> list[str]:
        return [e.message for e in self.entries if level is None or e.level == level]


class MemoryCounters(CachedCounters):
    """Counters kept in memory and read back by name."""

    def _save(self, counters: list[Counter]) -> None:
        return None

    def count(self, name: str) -> Optional[int]:
        counter = self.get(name)
        return None if counter is None else counter.count


def observed_references(*tuples: Any, clock: Any = None) -> tuple[References, CapturingLogger, MemoryCounters]:
    """References holding a capturing logger and memory counters, plus C{tuples}."""
    logger = CapturingLogger()
    counters = MemoryCounters()
    if clock is not None:
        counters.set_reactor(clock)
    references = References.from_tuples(LOGGER, logger, COUNTERS, counters, *tuples)
    return references, logger, counters


class IGreeter(Interface):
    """A tiny contract to decorate."""

    def greet(correlation_id: Optional[str], name: str) -> Deferred[str]:
        """Fires with a greeting."""

    def rename(correlation_id: Optional[str], old: str, new: str) -> Deferred[None]:
        """Changes what greetings say."""


TARGET = Descriptor("test", "greeter", "default", "default", "1.0")


@implementer(IGreeter, IOpenable, IConfigurable)
class Greeter:
    """Counts its calls; C{results} and C{errors} (lists) script what the next calls do."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.pending: list[Deferred[Any]] = []
        self.errors: list[BaseException] = []
        self.hold = False
        self.opened = 0
        self.configured = 0
        self.title = "Hello"

    def configure(self, config: ConfigParams) -> None:
        self.configured += 1

    def open(self, correlation_id: Optional[str]) -> None:
        self.opened += 1

    def close(self, correlation_id: Optional[str]) -> None:
        self.opened -= 1

    def is_open(self) -> bool:
        return self.opened > 0

    def _next(self, value: Any) -> Deferred[Any]:
        if self.errors:
            return fail(self.errors.pop(0))
        if self.hold:
            d: Deferred[Any] = Deferred()
            self.pending.append(d)
            return d
        return succeed(value)

    def greet(self, correlation_id: Optional[str], name: str) -> Deferred[str]:
        self.calls.append(("greet", (correlation_id, name)))
        return self._next(f"{self.title}, {name}")

    def rename(self, correlation_id: Optional[str], old: str, new: str) -> Deferred[None]:
        self.calls.append(("rename", (correlation_id, old, new)))
        self.title = new
        return self._next(None)

    def shout(self, name: str) -> str:
        """Synchronous and outside the interface."""
        self.calls.append(("shout", (name,)))
        return name.upper()

    async def whisper(self, correlation_id: Optional[str], name: str) -> str:
        self.calls.append(("whisper", (correlation_id, name)))
        return name.lower()
