"""Inbox: takers waiting with a Deferred or a callback, served in order."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.task import Clock
from twisted.trial import unittest

from pipservices_tx.messaging._inbox import Inbox


class InboxWaitTests(unittest.TestCase):
    def setUp(self) -> None:
        self.inbox: Inbox[str] = Inbox(Clock())
        self.got: list[Optional[str]] = []

    def test_a_waiting_callback_gets_the_next_message_in_turn(self) -> None:
        first = self.inbox.take(None)
        self.inbox.wait(self.got.append)
        self.inbox.put("a")
        self.inbox.put("b")
        self.inbox.put("c")
        self.assertEqual((self.successResultOf(first), self.got, self.inbox.take_now()), ("a", ["b"], "c"))

    def test_a_message_already_there_is_given_at_once(self) -> None:
        self.inbox.put("a")
        self.inbox.wait(self.got.append)
        self.assertEqual((self.got, len(self.inbox)), (["a"], 0))

    def test_a_cancelled_wait_loses_no_message(self) -> None:
        cancel = self.inbox.wait(self.got.append)
        cancel()
        self.inbox.put("a")
        self.assertEqual((self.got, self.inbox.take_now()), ([], "a"))

    def test_released_waits_get_none(self) -> None:
        results: list[Any] = []
        self.inbox.wait(results.append)
        self.inbox.release_waiting()
        self.inbox.put("a")
        self.assertEqual((results, len(self.inbox)), ([None], 1))
