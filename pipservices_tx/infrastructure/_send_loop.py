# -*- test-case-name: tests.infrastructure.test_send_loop -*-
"""SendLoop: when a buffer is shipped: on an interval, early when full, one send at a time, backing off after failures."""

from __future__ import annotations

from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, maybeDeferred, succeed
from twisted.internet.interfaces import IDelayedCall, IReactorTime
from twisted.internet.task import LoopingCall
from twisted.python.failure import Failure

from ..config import ConfigParams
from ..lifecycle import backoff
from ..refer import IReferences


class SendLoop:
    """
    Calls C{send()} every C{interval} seconds and whenever L{poke}d, never
    while a send is in flight. C{send} returns (or fires with) True when a
    full batch is still waiting, which sends it at once. A failed send is
    retried after the project's one back-off (L{backoff}): C{retry_delay}
    seconds, doubling up to C{max_retry_delay}, shortened by a random share
    so that a fleet does not retry in step; meanwhile the
    interval and pokes wait. C{on_failure(error, delay)} hears of each
    failure, C{on_recovery()} of the first success after failures.
    """

    def __init__(
        self,
        reactor: IReactorTime,
        send: Callable[[], Any],
        interval: float,
        retry_delay: float,
        max_retry_delay: float,
        on_failure: Optional[Callable[[BaseException, float], None]] = None,
        on_recovery: Optional[Callable[[], None]] = None,
    ) -> None:
        self.reactor = reactor
        self.interval = interval
        self.failures = 0
        self._send = send
        self._policy = backoff(retry_delay, max(retry_delay, max_retry_delay))
        self._on_failure = on_failure
        self._on_recovery = on_recovery
        self._loop: Optional[LoopingCall] = None
        self._sending: Optional[Deferred[Any]] = None
        self._retry: Optional[IDelayedCall] = None

    @property
    def running(self) -> bool:
        return self._loop is not None

    @property
    def backing_off(self) -> bool:
        """True while waiting out the delay after a failed send."""
        return self._retry is not None and self._retry.active()

    def start(self) -> None:
        """Starts the interval (none when it is 0: only pokes send)."""
        if self._loop is None:
            self._loop = LoopingCall(self.poke)
            self._loop.clock = self.reactor
            if self.interval > 0:
                self._loop.start(self.interval, now=False)

    def poke(self) -> None:
        """Sends now, unless a send is in flight, a back-off is running or the loop is stopped."""
        if self._loop is None or self._sending is not None or self.backing_off:
            return
        self._sending = maybeDeferred(self._send)
        self._sending.addCallbacks(self._sent, self._failed)

    def _sent(self, more: Any) -> None:
        self._sending = None
        if self.failures and self._on_recovery is not None:
            self._on_recovery()
        self.failures = 0
        if more and self._loop is not None:
            self._retry = self.reactor.callLater(0, self._retry_now)

    def _failed(self, failure: Failure) -> None:
        self._sending = None
        self.failures += 1
        delay = float(self._policy(self.failures - 1))
        if self._on_failure is not None:
            self._on_failure(failure.value or RuntimeError("send failed"), delay)
        if self._loop is not None:
            self._retry = self.reactor.callLater(delay, self._retry_now)

    def _retry_now(self) -> None:
        self._retry = None
        self.poke()

    def stop(self) -> Deferred[None]:
        """Stops sending; fires once the send in flight, if any, is over (whatever its outcome)."""
        loop, self._loop = self._loop, None
        if loop is not None and loop.running:
            loop.stop()
        if self._retry is not None and self._retry.active():
            self._retry.cancel()
        self._retry = None
        if self._sending is None:
            return succeed(None)
        done: Deferred[None] = Deferred()
        self._sending.addBoth(lambda _: done.callback(None))
        return done


async def open_client(
    client: Any, config: ConfigParams, timeout_ms: int, references: Optional[IReferences],
    correlation_id: Optional[str],
) -> Any:
    """Configures (with the sender's C{options.timeout}), references and opens the HTTP client of a sender."""
    client.configure(config.override({"options.timeout": str(timeout_ms)}))
    if references is not None:
        client.set_references(references)
    await client.open(correlation_id)
    return client


def refused(error: Any) -> bool:
    """
    Whether the service answered that it will never take this batch (a 4xx
    error): sending it again cannot help, so its sender drops it instead of
    retrying; no answer, a 5xx or a 503 are worth retrying.
    """
    status = getattr(error, "status", None)
    return isinstance(status, int) and 400 <= status < 500
