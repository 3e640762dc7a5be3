"""Thread pools and a reactor that run a persister's file work in the test's own thread."""

from __future__ import annotations

from typing import Any, Callable

from twisted.internet.interfaces import IReactorFromThreads
from twisted.internet.task import Clock
from twisted.python.failure import Failure
from zope.interface import implementer


@implementer(IReactorFromThreads)
class InlineReactor:
    """Runs what a worker thread hands back at once."""

    def callFromThread(self, f: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        f(*args, **kwargs)


@implementer(IReactorFromThreads)
class ClockReactor(Clock):
    """A L{Clock} (for the persistence's end-of-turn saves) that also runs what threads hand back at once."""

    def callFromThread(self, f: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        f(*args, **kwargs)


class ManualThreadPool:
    """Queues the work; L{run_next} runs the oldest piece, as a one-thread pool would."""

    def __init__(self) -> None:
        self.pending: list[tuple[Callable[[bool, Any], None], Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = []
        self.ran = 0

    def callInThreadWithCallback(
        self, on_result: Callable[[bool, Any], None], f: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> None:
        self.pending.append((on_result, f, args, kwargs))

    def run_next(self) -> None:
        on_result, f, args, kwargs = self.pending.pop(0)
        self.ran += 1
        try:
            result = f(*args, **kwargs)
        except BaseException:
            on_result(False, Failure())
        else:
            on_result(True, result)

    def run_all(self) -> None:
        while self.pending:
            self.run_next()


class InlineThreadPool(ManualThreadPool):
    """Runs the work as soon as it is queued."""

    def callInThreadWithCallback(
        self, on_result: Callable[[bool, Any], None], f: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> None:
        super().callInThreadWithCallback(on_result, f, *args, **kwargs)
        self.run_all()
