# -*- test-case-name: tests.messaging.test_amqp_frames -*-
"""AckBatch: a consumer channel's acks of one reactor turn, sent as one multiple ack where they allow it."""

from __future__ import annotations

from collections import deque
from typing import Any, Callable, Optional

from twisted.internet.interfaces import IReactorTime


class AckBatch:
    """
    The deliveries of one AMQP consumer channel not settled yet, in delivery
    order, and the acks asked for since the last flush. A flush (at the end
    of the reactor turn, or L{flush}) acks the oldest outstanding deliveries
    that are all acked with one C{multiple} ack, and the others one by one:
    a delivery not completed (in an inbox, in a receiver's hands) is never
    covered. While L{exclusive} is above zero (a C{basic_get} whose delivery
    is outstanding but not tracked here) every ack is sent alone.
    C{send(tag, multiple)} writes an ack.
    """

    def __init__(self, clock: IReactorTime, send: Callable[[int, bool], None]) -> None:
        self._clock = clock
        self._send = send
        self._outstanding: deque[int] = deque()
        self._gone: set[int] = set()  # settled out of order, still in _outstanding
        self._acked: set[int] = set()
        self._flushing: Optional[Any] = None
        self.exclusive = 0

    def delivered(self, tag: int) -> None:
        self._outstanding.append(tag)

    def settled(self, tag: int) -> None:
        """C{tag} was settled otherwise (a nack): no longer outstanding."""
        self._gone.add(tag)

    def ack(self, tag: int) -> None:
        self._acked.add(tag)
        if self._flushing is None:
            self._flushing = self._clock.callLater(0, self.flush)

    def flush(self) -> None:
        """Sends the acks asked for."""
        if self._flushing is not None and self._flushing.active():
            self._flushing.cancel()
        self._flushing = None
        acked, self._acked = self._acked, set()
        if not acked:
            return
        outstanding, gone = self._outstanding, self._gone
        last = None
        if not self.exclusive:
            while outstanding and (outstanding[0] in acked or outstanding[0] in gone):
                tag = outstanding.popleft()
                if tag in acked:
                    acked.discard(tag)
                    last = tag
                else:
                    gone.discard(tag)
        if last is not None:
            self._send(last, True)
        for tag in sorted(acked):
            gone.add(tag)
            self._send(tag, False)

    def drop(self) -> None:
        """The channel is gone: its deliveries come again, nothing is to be acked."""
        if self._flushing is not None and self._flushing.active():
            self._flushing.cancel()
        self._flushing = None
        self._outstanding.clear()
        self._gone.clear()
        self._acked.clear()
