"""Shared fixtures of the client tests: a recording logger and a client wired to StubTreq."""

from __future__ import annotations

from typing import Any, Optional

from treq.testing import StubTreq
from twisted.internet.task import Clock

from pipservices_tx.clients import CommandableHttpClient
from pipservices_tx.config import ConfigParams
from pipservices_tx.counters import CachedCounters
from pipservices_tx.logs import LogEntry, Logger, LogLevel
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.testing import with_reactor

from .fake_service import FakeService


class RecordingLogger(Logger):
    """Keeps every entry, at every level."""

    def __init__(self) -> None:
        super().__init__(LogLevel.TRACE)
        self.entries: list[LogEntry] = []

    def _write(self, entry: LogEntry) -> None:
        self.entries.append(entry)

    def messages(self, level: LogLevel) -> list[str]:
        return [entry.message for entry in self.entries if entry.level == level]


def instrumentation(clock: Optional[Clock] = None) -> tuple[References, RecordingLogger, CachedCounters]:
    """References holding a recording logger and in-memory counters."""
    logger = RecordingLogger()
    counters = with_reactor(CachedCounters(), clock)
    references = References.from_tuples(
        Descriptor("pip-services", "logger", "recording", "default", "1.0"), logger,
        Descriptor("pip-services", "counters", "cached", "default", "1.0"), counters,
    )
    return references, logger, counters


def stub_client(
    service: Optional[FakeService] = None,
    clock: Optional[Clock] = None,
    base_route: str = "v1/dummy",
    **options: Any,
) -> tuple[CommandableHttpClient, FakeService, StubTreq, Clock]:
    """An opened client of C{service} through StubTreq, with C{options.*} set."""
    service = service or FakeService()
    clock = clock or Clock()
    stub = StubTreq(service)
    client = with_reactor(CommandableHttpClient(base_route, http_client=stub), clock)
    config = ConfigParams.from_tuples("connection.protocol", "http", "connection.host", "localhost",
                                      "connection.port", 8080)
    for key, value in options.items():
        config[f"options.{key}"] = str(value)
    client.configure(config)
    opened = client.open(None)
    assert opened.called
    return client, service, stub, clock
