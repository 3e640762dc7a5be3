# -*- test-case-name: tests.container.test_service -*-
"""ContainerService: the one IService twistd sees, owning the container's lifecycle."""

from __future__ import annotations

import gc
import sys
from typing import Any, Callable, Optional

from twisted.application.service import Service
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from ..errors import ApplicationException
from ._container import Container


class ContainerService(Service):
    """
    Opens the container when twistd starts and closes it when twistd stops
    (SIGTERM, SIGINT). When opening fails the reactor stops and
    C{exit_code} becomes 1; a graceful signal stop leaves it at 0.
    """

    name = "pipsvc"

    def __init__(
        self,
        container: Container,
        report: Optional[Callable[[str], None]] = None,
    ) -> None:
        self.container = container
        self.exit_code = 0
        self._report = report or _print_error
        self.opened: Optional[Deferred[None]] = None

    @property
    def reactor(self) -> Any:
        """The container's reactor: the one it opens, closes and is stopped on."""
        return self.container.reactor

    def startService(self) -> None:
        super().startService()
        self.opened = self.container.open(None)
        self.opened.addCallbacks(_freeze_what_is_built, self._failed_to_open)

    def _failed_to_open(self, failure: Failure) -> None:
        self.exit_code = 1
        error = failure.value
        self._report(error.message if isinstance(error, ApplicationException) else str(error))
        reactor = self.reactor
        if getattr(reactor, "running", False):
            reactor.stop()
        else:
            # twistd starts services before the reactor runs: a component that
            # fails synchronously must still end the process once it does.
            reactor.callWhenRunning(reactor.stop)

    def stopService(self) -> Deferred[None]:
        super().stopService()
        d = self.container.close(None)
        d.addErrback(self._failed_to_close)
        d.addBoth(self._clear_exit_signal)
        return d

    def _failed_to_close(self, failure: Failure) -> None:
        self.exit_code = self.exit_code or 1
        self._report(f"container stopped with errors: {failure.value}")

    def _clear_exit_signal(self, result: Any) -> Any:
        # twistd re-raises the signal that stopped the reactor, which makes the
        # exit status 143/130; a graceful stop on SIGTERM/SIGINT should exit 0.
        reactor = self.reactor
        if getattr(reactor, "_exitSignal", None) is not None:
            reactor._exitSignal = None
        return result


def _freeze_what_is_built(_: Any) -> None:
    """
    Moves every object alive once the container is open (modules, components,
    data loaded at start) out of the collector's reach: a full collection then
    walks only what requests allocate, so its pauses, and the tail latency they
    cause, no longer grow with the size of the service.
    """
    gc.freeze()


def one_line(message: str) -> str:
    """An error for the terminal: one line, whatever the cause's text held."""
    return " ".join(str(message).split())


def _print_error(message: str) -> None:
    # twistd replaces sys.stderr with a log file; the user wants this line on the real one.
    stream = sys.__stderr__ or sys.stderr
    stream.write(f"pipsvc: error: {one_line(message)}\n")
    stream.flush()
