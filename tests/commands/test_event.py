"""Tests for L{pipservices_tx.commands.Event}."""

from __future__ import annotations

from twisted.internet.defer import Deferred, fail
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.commands import Event, IEvent, IEventListener
from pipservices_tx.errors import ConflictException, InvocationException


@implementer(IEventListener)
class Listener:
    """Records events; returns C{result} (a value, a Deferred or a callable raising)."""

    def __init__(self, result=None) -> None:
        self.result = result
        self.events: list = []

    def on_event(self, correlation_id, event, args):
        self.events.append((correlation_id, event.name, args))
        if callable(self.result):
            return self.result()
        return self.result


def _raise(error):
    def result():
        raise error

    return result


class EventTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        event = Event("created")
        self.assertTrue(verifyObject(IEvent, event))
        self.assertTrue(verifyObject(IEventListener, Listener()))
        self.assertEqual(event.name, "created")

    def test_notify_calls_every_listener_in_order(self) -> None:
        event = Event("created")
        order: list = []
        first, second = Listener(lambda: order.append(1)), Listener(lambda: order.append(2))
        event.add_listener(first)
        event.add_listener(second)
        self.assertIsNone(self.successResultOf(event.notify("cid", {"id": "1"})))
        self.assertEqual(first.events, [("cid", "created", {"id": "1"})])
        self.assertEqual(second.events, [("cid", "created", {"id": "1"})])
        self.assertEqual(order, [1, 2])

    def test_none_args_are_an_empty_object(self) -> None:
        event, listener = Event("created"), Listener()
        event.add_listener(listener)
        self.successResultOf(event.notify(None, None))
        self.assertEqual(listener.events, [(None, "created", {})])

    def test_listeners_add_once_and_remove(self) -> None:
        event, listener, other = Event("created"), Listener(), Listener()
        event.add_listener(listener)
        event.add_listener(listener)
        event.add_listener(other)
        self.assertEqual(event.listeners, [listener, other])
        event.remove_listener(listener)
        event.remove_listener(listener)
        self.assertEqual(event.listeners, [other])
        self.successResultOf(event.notify("cid", {}))
        self.assertEqual(listener.events, [])
        self.assertEqual(len(other.events), 1)

    def test_listeners_is_a_copy(self) -> None:
        event = Event("created")
        event.listeners.append(Listener())
        self.assertEqual(event.listeners, [])

    def test_no_listeners(self) -> None:
        self.assertIsNone(self.successResultOf(Event("created").notify("cid", {})))

    def test_waits_for_asynchronous_listeners(self) -> None:
        event = Event("created")
        first: Deferred = Deferred()
        second: Deferred = Deferred()
        event.add_listener(Listener(first))
        event.add_listener(Listener(second))
        result = event.notify("cid", {})
        first.callback("ignored")
        self.assertNoResult(result)
        second.callback("ignored")
        self.assertIsNone(self.successResultOf(result))

    def test_coroutine_listener(self) -> None:
        pending: Deferred = Deferred()
        seen: list = []

        @implementer(IEventListener)
        class AsyncListener:
            async def on_event(self, correlation_id, event, args):
                seen.append(await pending)

        event = Event("created")
        event.add_listener(AsyncListener())
        result = event.notify("cid", {})
        self.assertNoResult(result)
        pending.callback("fired")
        self.successResultOf(result)
        self.assertEqual(seen, ["fired"])

    def test_failing_listener_does_not_stop_the_others(self) -> None:
        event = Event("created")
        original = ValueError("listener broke")
        after = Listener()
        event.add_listener(Listener(_raise(original)))
        event.add_listener(after)
        error = self.failureResultOf(event.notify("cid", {}), InvocationException).value
        self.assertEqual(error.code, "EXEC_FAILED")
        self.assertEqual(error.correlation_id, "cid")
        self.assertEqual(error.details, {"event": "created"})
        self.assertIs(error.__cause__, original)
        self.assertEqual(len(after.events), 1)

    def test_first_failure_of_several_asynchronous_listeners(self) -> None:
        event = Event("created")
        first: Deferred = Deferred()
        conflict = ConflictException(None, "TAKEN", "taken")
        event.add_listener(Listener(first))
        event.add_listener(Listener(lambda: fail(conflict)))
        event.add_listener(Listener(_raise(RuntimeError("third"))))
        result = event.notify("cid", {})
        self.assertNoResult(result)
        first.callback(None)
        failure = self.failureResultOf(result, ConflictException)
        self.assertIs(failure.value, conflict)
        self.assertEqual(conflict.correlation_id, "cid")
