"""
BasicAuthorizer against guessing: hashes off the reactor in a bounded pool,
one hash for every first check whether the name exists or not, failures
throttled per client address and per user name, and counted.
"""

from __future__ import annotations

import base64
import threading
from typing import Any

from twisted.internet import reactor
from twisted.internet.address import IPv4Address
from twisted.internet.defer import ensureDeferred, maybeDeferred
from twisted.internet.task import Clock, deferLater
from twisted.trial.unittest import SynchronousTestCase, TestCase
from twisted.web.test.requesthelper import DummyRequest
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConnectionException, UnauthorizedException
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.refer import Descriptor, References
from pipservices_tx.services import BasicAuthorizer, _auth_basic, hash_password
from pipservices_tx.services._auth_hashing import HashPool
from pipservices_tx.services._auth_throttle import FailureThrottle

from ..services.helpers import MemoryCounters
from .helpers import hash_inline

ANN_HASH = hash_password("ann-pw", iterations=1000)


def _authorizer(**config: Any) -> BasicAuthorizer:
    authorizer = BasicAuthorizer()
    authorizer.configure(ConfigParams.from_value({
        "users": {"ann": {"password_hash": ANN_HASH, "roles": "admin"}, "bob": {"password": "bob-pw"}},
        **config,
    }))
    return authorizer


def _request(name: str, password: str, address: str = "10.0.0.1") -> DummyRequest:
    request = DummyRequest([])
    request.client = IPv4Address("TCP", address, 40000)
    request.requestHeaders.setRawHeaders(
        b"authorization", [b"Basic " + base64.b64encode(f"{name}:{password}".encode())])
    return request


class NoEnumerationTests(SynchronousTestCase):
    def test_every_first_check_costs_one_hash_known_or_not(self) -> None:
        authorizer = _authorizer()
        hash_inline(authorizer)
        hashed: list[str] = []
        real = _auth_basic.check_password_hash
        self.patch(_auth_basic, "check_password_hash", lambda password, encoded: hashed.append(password)
                   or real(password, encoded))
        for name, password in (("ann", "wrong-1"), ("nobody", "wrong-2"), ("bob", "wrong-3")):
            self.failureResultOf(authorizer.authorize(_request(name, password), "r", []), UnauthorizedException)
        self.assertEqual(hashed, ["wrong-1", "wrong-2", "wrong-3"])
        self.successResultOf(authorizer.authorize(_request("bob", "bob-pw"), "r", []))
        self.assertEqual(len(hashed), 4)


class ThrottleTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.counters = MemoryCounters()
        self.authorizer = _authorizer(throttle={"failures": 3, "user_failures": 5, "period": 30})
        self.authorizer.set_reactor(self.clock)
        self.authorizer.set_references(References.from_tuples(
            Descriptor("pip-services", "counters", "memory", "default", "1.0"), self.counters))
        self.hashes = hash_inline(self.authorizer)

    def fail_with(self, request: DummyRequest, code: str) -> UnauthorizedException:
        d = maybeDeferred(self.authorizer.authorize, request, "r", [])
        error = self.failureResultOf(d, UnauthorizedException).value
        self.assertEqual(error.code, code)
        return error

    def count(self, name: str) -> int:
        counter = self.counters.get(name)
        return counter.count if counter is not None else 0

    def test_an_address_that_keeps_failing_waits_without_costing_hashes(self) -> None:
        for n in range(3):
            self.fail_with(_request("ann", f"guess-{n}"), "INVALID_CREDENTIALS")
        request = _request("ann", "ann-pw")  # even the right password: the address must wait
        error = self.fail_with(request, "TOO_MANY_ATTEMPTS")
        self.assertEqual((error.status, request.responseHeaders.getRawHeaders(b"retry-after")), (429, [b"10"]))
        self.assertEqual(self.hashes.checks, 3)
        self.successResultOf(self.authorizer.authorize(_request("ann", "ann-pw", "10.0.0.2"), "r", []))
        self.clock.advance(10)  # 3 failures per 30 s: one more try every 10 s
        self.successResultOf(self.authorizer.authorize(_request("ann", "ann-pw"), "r", []))
        self.assertEqual((self.count("authorizer.basic.failed"), self.count("authorizer.basic.throttled")), (3, 1))

    def test_a_user_name_guessed_from_many_addresses_waits_known_or_not(self) -> None:
        for name in ("ann", "nobody"):
            for n in range(5):
                self.fail_with(_request(name, f"guess-{n}", f"10.1.{n}.1"), "INVALID_CREDENTIALS")
            self.fail_with(_request(name, "guess-x", "10.2.0.1"), "TOO_MANY_ATTEMPTS")
        self.successResultOf(self.authorizer.authorize(_request("bob", "bob-pw", "10.2.0.1"), "r", []))

    def test_throttles_can_be_turned_off(self) -> None:
        authorizer = _authorizer(throttle={"failures": 0, "user_failures": 0})
        authorizer.set_reactor(self.clock)
        hash_inline(authorizer)
        for n in range(50):
            self.failureResultOf(authorizer.authorize(_request("ann", f"g{n}"), "r", []), UnauthorizedException)


class FailureThrottleTests(SynchronousTestCase):
    def test_memory_is_bounded_by_max_keys(self) -> None:
        throttle = FailureThrottle(2, 10.0, max_keys=100)
        for n in range(1000):
            throttle.failed(f"name-{n}", now=float(n) / 1000)
        self.assertLessEqual(len(throttle), 100)
        self.assertEqual(throttle.retry_after("name-999", 1.0), 0.0)  # one failure of two allowed
        throttle.failed("name-999", 1.0)  # the newest keys are kept: this is its second failure
        self.assertAlmostEqual(throttle.retry_after("name-999", 1.0), 5.0, places=2)


class HashPoolTests(TestCase):
    timeout = 20

    def test_hashes_run_off_the_reactor_thread_which_keeps_serving(self) -> Any:
        async def run() -> None:
            authorizer = _authorizer()
            verifyObject(IOpenable, authorizer)
            self.assertFalse(authorizer.is_open())
            authorizer.open(None)
            self.addCleanup(authorizer.close, None)
            self.assertTrue(authorizer.is_open())
            started, release = threading.Event(), threading.Event()
            threads: list[threading.Thread] = []
            real = _auth_basic.check_password_hash

            def slow_check(password: str, encoded: str) -> bool:
                threads.append(threading.current_thread())
                started.set()
                release.wait(10)
                return real(password, encoded)

            self.patch(_auth_basic, "check_password_hash", slow_check)
            checking = authorizer.authorize(_request("ann", "ann-pw"), "r", [])
            self.assertTrue(started.wait(10))
            self.assertNoResult(checking)
            await deferLater(reactor, 0, lambda: None)  # the reactor turns while the hash runs
            self.assertNoResult(checking)
            release.set()
            await checking
            self.assertNotEqual(threads, [threading.main_thread()])
            self.assertEqual(len(threads), 1)
        return ensureDeferred(run())

    def test_beyond_max_pending_a_check_is_refused_at_once(self) -> Any:
        async def run() -> None:
            pool = HashPool(threads=1, max_pending=1)
            self.addCleanup(pool.stop)
            release = threading.Event()
            first = pool.run(reactor, release.wait, 10)
            second = pool.run(reactor, lambda: True, correlation_id="cid")
            error = self.failureResultOf(second, ConnectionException).value
            self.assertEqual((error.code, error.status, error.correlation_id), ("OVERLOADED", 503, "cid"))
            release.set()
            self.assertTrue(await first)
            self.assertEqual(pool.pending, 0)
            self.assertTrue(await pool.run(reactor, lambda: True))
        return ensureDeferred(run())
