# -*- test-case-name: tests.persistence_sql.test_deadlines -*-
"""CallDeadlines bounds every call with one timer, and a persistence's calls to a silent pool time out."""

from __future__ import annotations

from typing import Any

from twisted.internet.defer import CancelledError, Deferred
from twisted.internet.task import Clock
from twisted.python.failure import Failure
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import ConnectionException
from pipservices_tx.persistence.sql import IdentifiableMySqlPersistence, IdentifiablePostgresPersistence
from pipservices_tx.persistence.sql._deadlines import CallDeadlines


class Expired(Exception):
    pass


def outcome(deferred: Deferred[Any]) -> list[Any]:
    """What C{deferred} fired with, collected as it fires (the failure is consumed)."""
    seen: list[Any] = []
    deferred.addBoth(seen.append)
    return seen


class CallDeadlinesTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.deadlines = CallDeadlines(self.clock, 5.0, lambda limit, context: Failure(Expired(limit, context)))

    def test_calls_expire_in_order_at_their_own_deadline(self) -> None:
        first, second = Deferred[Any](), Deferred[Any]()
        first_seen = outcome(self.deadlines.watch(first, "a"))
        self.clock.advance(2)
        second_seen = outcome(self.deadlines.watch(second, "b"))
        self.assertEqual(len(self.clock.getDelayedCalls()), 1, "one timer for every call in flight")

        self.clock.advance(3)
        self.assertEqual(first_seen[0].value.args, (5.0, "a"))
        self.assertEqual(second_seen, [], "the second call has 2 s left")
        self.clock.advance(1.9)
        self.assertEqual(second_seen, [])
        self.clock.advance(0.1)
        self.assertEqual(second_seen[0].value.args, (5.0, "b"))
        self.assertEqual((len(self.deadlines), self.clock.getDelayedCalls()), (0, []))

    def test_a_call_that_fires_in_time_keeps_its_result_and_leaves_no_timer(self) -> None:
        deferred = Deferred[Any]()
        seen = outcome(self.deadlines.watch(deferred))
        self.clock.advance(4.9)
        deferred.callback("done")
        self.assertEqual(seen, ["done"])
        self.assertEqual((len(self.deadlines), self.clock.getDelayedCalls()), (0, []))
        self.clock.advance(10)
        self.assertEqual(seen, ["done"])

    def test_a_failure_in_time_is_not_a_timeout(self) -> None:
        deferred = Deferred[Any]()
        seen = outcome(self.deadlines.watch(deferred))
        deferred.errback(ValueError("bad"))
        self.assertIsInstance(seen[0].value, ValueError)

    def test_a_callers_cancel_stays_a_cancel(self) -> None:
        deferred = Deferred[Any]()
        seen = outcome(self.deadlines.watch(deferred))
        deferred.cancel()
        self.assertIsInstance(seen[0].value, CancelledError)

    def test_a_released_oldest_call_moves_the_timer_to_the_next(self) -> None:
        first, second = Deferred[Any](), Deferred[Any]()
        outcome(self.deadlines.watch(first))
        self.clock.advance(1)
        second_seen = outcome(self.deadlines.watch(second))
        first.callback(None)
        self.clock.advance(4)  # the first deadline: nothing due, the timer moves on
        self.assertEqual(second_seen, [])
        self.assertEqual(len(self.clock.getDelayedCalls()), 1)
        self.clock.advance(1)
        self.assertIsInstance(second_seen[0].value, Expired)

    def test_stop(self) -> None:
        deferred = Deferred[Any]()
        seen = outcome(self.deadlines.watch(deferred))
        self.deadlines.stop()
        self.assertEqual(self.clock.getDelayedCalls(), [])
        self.clock.advance(10)
        self.assertEqual(seen, [])
        deferred.callback(1)
        self.assertEqual(seen, [1])


class SilentPool:
    """A pool whose calls never come back, as behind a hung server."""

    def __init__(self) -> None:
        self.calls: list[Deferred[Any]] = []

    def runWithConnection(self, *args: Any) -> Deferred[Any]:  # noqa: N802 (adbapi's name)
        self.calls.append(Deferred())
        return self.calls[-1]

    def close(self) -> None:
        pass


class WholeCallBoundTests(SynchronousTestCase):
    """A call is bounded by one connect, one statement and 0.5 s, however long the pool stays silent."""

    def check(self, persistence: Any, limit: float) -> None:
        clock = Clock()
        persistence.set_reactor(clock)
        persistence._pool = SilentPool()
        persistence._deadlines = CallDeadlines(clock, persistence._call_limit(), persistence._timed_out)
        self.assertEqual(persistence._call_limit(), limit)
        first = outcome(persistence.get_one_by_id("c1", "1"))
        clock.advance(0.5)
        second = outcome(persistence.create("c2", {"id": "2"}))
        clock.advance(limit - 0.5 - 0.01)
        self.assertEqual(first, [])
        clock.advance(0.01)
        self.assertIsInstance(first[0].value, ConnectionException)
        self.assertEqual((first[0].value.code, first[0].value.correlation_id), ("TIMEOUT", "c1"))
        self.assertEqual(second, [])
        clock.advance(0.5)
        self.assertEqual((second[0].value.code, second[0].value.correlation_id), ("TIMEOUT", "c2"))
        self.assertEqual(clock.getDelayedCalls(), [])
        persistence.close(None)

    def test_postgres(self) -> None:
        self.check(IdentifiablePostgresPersistence("t"), 2.0 * 5 + 0.5)  # libpq counts whole seconds: 5 s twice

    def test_mysql(self) -> None:
        self.check(IdentifiableMySqlPersistence("t"), 5.0 + 5.0 + 0.5)

    def test_a_callers_cancel_is_a_cancel(self) -> None:
        persistence = IdentifiablePostgresPersistence("t")
        clock = Clock()
        persistence.set_reactor(clock)
        persistence._pool = SilentPool()
        persistence._deadlines = CallDeadlines(clock, persistence._call_limit(), persistence._timed_out)
        call = persistence.get_one_by_id(None, "1")
        seen = outcome(call)
        call.cancel()
        self.assertIsInstance(seen[0].value, CancelledError)
        self.assertEqual(clock.getDelayedCalls(), [])
