"""Tests for the lifecycle helpers and the interfaces they dispatch on."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.trial.unittest import SynchronousTestCase
from zope.interface import implementer
from zope.interface.verify import verifyObject

from pipservices_tx.lifecycle import (
    ICleanable,
    IClosable,
    IExecutable,
    INotifiable,
    IOpenable,
    IParameterized,
    call_maybe_async,
    clear_all,
    close_all,
    execute_all,
    notify_all,
    open_all,
)


@implementer(IOpenable, IExecutable, INotifiable, ICleanable, IParameterized)
class Everything:
    def __init__(self, name: str, journal: list[str], style: str) -> None:
        self.name, self.journal, self.style = name, journal, style
        self.waiting: list[Deferred[Any]] = []

    def _do(self, what: str, result: Any = None) -> Any:
        if self.style == "plain":
            self.journal.append(f"{what} {self.name}")
            return result
        if self.style == "deferred":
            d: Deferred[Any] = Deferred()
            d.addCallback(lambda _: self.journal.append(f"{what} {self.name}") or result)
            self.waiting.append(d)
            return d

        async def run() -> Any:
            self.journal.append(f"{what} {self.name}")
            return result

        return run()

    def open(self, correlation_id: Optional[str]) -> Any:
        return self._do("open")

    def close(self, correlation_id: Optional[str]) -> Any:
        return self._do("close")

    def is_open(self) -> bool:
        return False

    def execute(self, correlation_id: Optional[str], args: Any) -> Any:
        return self._do("execute", f"{self.name}:{args}")

    def notify(self, correlation_id: Optional[str], args: Any) -> Any:
        return self._do("notify")

    def clear(self, correlation_id: Optional[str]) -> Any:
        return self._do("clear")

    def set_parameters(self, parameters: Any) -> None:
        pass


class LifecycleHelperTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.journal: list[str] = []
        self.plain = Everything("plain", self.journal, "plain")
        self.deferred = Everything("deferred", self.journal, "deferred")
        self.coroutine = Everything("async", self.journal, "async")
        self.components = [self.plain, self.deferred, object(), self.coroutine]

    def test_interfaces(self) -> None:
        for interface in (IOpenable, IClosable, IExecutable, INotifiable, ICleanable, IParameterized):
            self.assertTrue(verifyObject(interface, self.plain))

    def test_in_order_one_after_the_other(self) -> None:
        for helper, name in ((open_all, "open"), (close_all, "close"), (clear_all, "clear")):
            del self.journal[:]
            d = helper("c", self.components)
            self.assertEqual(self.journal, [f"{name} plain"])
            self.assertNoResult(d)
            self.deferred.waiting.pop().callback(None)
            self.assertEqual(self.journal, [f"{name} plain", f"{name} deferred", f"{name} async"])
            self.successResultOf(d)

    def test_execute_and_notify(self) -> None:
        d = execute_all("c", self.components, "x")
        self.deferred.waiting.pop().callback(None)
        self.assertEqual(self.successResultOf(d), ["plain:x", "deferred:x", "async:x"])
        d = notify_all("c", self.components, "y")
        self.deferred.waiting.pop().callback(None)
        self.successResultOf(d)
        self.assertEqual(self.journal[-3:], ["notify plain", "notify deferred", "notify async"])

    def test_failure_stops_the_sequence(self) -> None:
        d = open_all("c", [self.deferred, self.plain])
        self.deferred.waiting.pop().errback(RuntimeError("nope"))
        self.failureResultOf(d, RuntimeError)
        self.assertEqual(self.journal, [])

    def test_call_maybe_async(self) -> None:
        self.assertEqual(self.successResultOf(call_maybe_async(lambda: 1)), 1)
        self.assertEqual(self.successResultOf(call_maybe_async(lambda: succeed(2))), 2)

        async def three(x: int) -> int:
            return x

        self.assertEqual(self.successResultOf(call_maybe_async(three, 3)), 3)

        def boom() -> None:
            raise ValueError("x")

        self.failureResultOf(call_maybe_async(boom), ValueError)
