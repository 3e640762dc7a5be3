"""RestClient over several instances on a fake clock: balancing, failover, circuits, deadline, counters."""

from __future__ import annotations

from collections import Counter
from typing import Any

from twisted.internet.defer import CancelledError
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.clients._instance_set import Target
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConfigException, ConnectionException

from .fake_fleet import FakeFleet, FleetClient, fleet_client

HOSTS = ("a:1", "b:2", "c:3")


def counted(counters: Any, name: str) -> Any:
    counter = counters.get(name)
    return None if counter is None else (counter.count if counter.count is not None else counter.last)


class InstancesTests(SynchronousTestCase):
    def instances_of(self, **connection: Any) -> list[str]:
        client = FleetClient(http_client=FakeFleet())
        client.configure(ConfigParams.from_value({"connection": connection}))
        self.successResultOf(client.open(None))
        return [t.base_url for t in client.instances]

    def test_every_form_of_several_instances(self) -> None:
        self.assertEqual(self.instances_of(uri="http://a:1,http://b:2/"), ["http://a:1", "http://b:2"])
        self.assertEqual(self.instances_of(uri="http://a:1, b:2/api"), ["http://a:1/api", "http://b:2/api"])
        self.assertEqual(self.instances_of(host="a,b", port="1,2"), ["http://a:1", "http://b:2"])
        self.assertEqual(self.instances_of(uri="http://a:1,http://a:1"), ["http://a:1"])

    def test_several_connections(self) -> None:
        client = FleetClient(http_client=FakeFleet())
        client.configure(ConfigParams.from_value({"connections": {"one": {"uri": "http://a:1"},
                                                                  "two": {"host": "b", "port": 2}}}))
        self.successResultOf(client.open(None))
        self.assertEqual(client.instances, [Target("http://a:1"), Target("http://b:2")])

    def test_a_bad_strategy_fails_at_configure(self) -> None:
        client = FleetClient()
        with self.assertRaises(ConfigException):
            client.configure(ConfigParams.from_tuples("options.balancing", "fastest"))


class BalancingTests(SynchronousTestCase):
    def test_round_robin_spreads_calls_evenly(self) -> None:
        fleet = FakeFleet(*HOSTS)
        client, _, counters = fleet_client(fleet)
        for _ in range(9):
            self.successResultOf(client.call("POST"))
        self.assertEqual([fleet.served(h) for h in HOSTS], [3, 3, 3])
        self.assertEqual(counted(counters, "v1/fleet.instances"), 3)

    def test_random(self) -> None:
        fleet = FakeFleet(*HOSTS)
        client, _, _ = fleet_client(fleet, balancing="random")
        for _ in range(300):
            self.successResultOf(client.call("POST"))
        self.assertTrue(all(60 < fleet.served(h) < 140 for h in HOSTS), [fleet.served(h) for h in HOSTS])

    def test_least_outstanding_avoids_the_busy_instance(self) -> None:
        fleet = FakeFleet(*HOSTS)
        client, _, _ = fleet_client(fleet, balancing="least_outstanding", timeout=0)
        pending = [client.call("POST", "hang"), client.call("POST", "hang")]  # a and b busy
        for _ in range(3):
            self.successResultOf(client.call("POST"))
        self.assertEqual([fleet.served(h) for h in HOSTS], [1, 1, 3])
        fleet.attempts.clear()
        for _ in range(3):
            self.successResultOf(client.call("POST"))
        self.assertEqual(fleet.attempts, ["c:3", "c:3", "c:3"])
        for d in pending:
            d.cancel()
            self.failureResultOf(d, CancelledError)
        assert client._instances is not None
        self.assertEqual([i.outstanding for i in client._instances.instances], [0, 0, 0])


class FailoverTests(SynchronousTestCase):
    def test_a_call_not_sent_fails_over_even_when_not_idempotent(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.refusing.add("a:1")
        client, clock, counters = fleet_client(fleet)
        result = self.successResultOf(client.call("POST"))
        self.assertEqual(result["method"], "POST")
        self.assertEqual(fleet.attempts, ["a:1", "b:2"])
        self.assertEqual(counted(counters, "v1/fleet.echo.call_retries"), 1)
        self.assertIsNone(counters.get("v1/fleet.echo.call_errors"))
        self.assertEqual(clock.getDelayedCalls(), [], "no wait before another instance")

    def test_a_call_sent_and_lost_is_retried_only_when_idempotent(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.resetting.add("a:1")
        client, _, _ = fleet_client(fleet)
        error = self.failureResultOf(client.call("POST"), ConnectionException).value
        self.assertEqual(error.code, "NO_RESPONSE")
        self.assertEqual(fleet.attempts, ["a:1"])
        fleet.attempts.clear()
        self.successResultOf(client.call("POST", idempotent=True))  # b
        self.successResultOf(client.call("GET"))  # c
        self.successResultOf(client.call("GET"))  # a, then b
        self.assertEqual(fleet.attempts, ["b:2", "c:3", "a:1", "b:2"])

    def test_unavailable_answers_move_idempotent_calls_to_another_instance(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.services["a:1"].unavailable_left = 10
        client, _, _ = fleet_client(fleet)
        self.successResultOf(client.call("GET", "unavailable"))
        self.assertEqual(fleet.attempts, ["a:1", "b:2"])
        fleet.attempts.clear()
        client.call("GET")  # c: the turn goes on
        error = self.failureResultOf(client.call("POST", "unavailable"), ConnectionException).value
        self.assertEqual((error.status, fleet.attempts), (503, ["c:3", "a:1"]))

    def test_application_errors_are_answers_not_failures(self) -> None:
        fleet = FakeFleet(*HOSTS)
        client, _, counters = fleet_client(fleet, failure_threshold=1)
        for _ in range(3):
            self.failureResultOf(client.call("GET", "html_error"))
        self.assertEqual(fleet.attempts, ["a:1", "b:2", "c:3"])
        self.assertIsNone(counters.get("v1/fleet.instance_ejections"))

    def test_a_silent_instance_costs_one_attempt_timeout(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.silent.add("a:1")
        client, clock, _ = fleet_client(fleet, timeout=500)
        d = client.call("GET")
        clock.advance(0.499)
        self.assertNoResult(d)
        clock.advance(0.001)
        self.assertEqual(self.successResultOf(d)["method"], "GET")
        self.assertEqual(fleet.attempts, ["a:1", "b:2"])

    def test_every_instance_down_waits_between_rounds_then_gives_up(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.refusing.update(HOSTS)
        client, clock, counters = fleet_client(fleet, retries=4, retry_delay=100, failure_threshold=0)
        d = client.call("GET")
        self.assertEqual(len(fleet.attempts), 3, "each instance once, at once")
        clock.advance(0.1)
        self.assertEqual(len(fleet.attempts), 5, "then a wait, and the other two")
        self.assertEqual(self.failureResultOf(d, ConnectionException).value.code, "CONNECTION_REFUSED")
        self.assertEqual(counted(counters, "v1/fleet.echo.call_retries"), 4)

    def test_the_deadline_bounds_attempts_and_waits(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.silent.update(HOSTS)
        client, clock, _ = fleet_client(fleet, timeout=500, deadline=1200, retries=10)
        d = client.call("GET")
        clock.pump([0.5, 0.5])
        self.assertEqual(len(fleet.attempts), 3)
        clock.advance(0.199)
        self.assertNoResult(d)
        clock.advance(0.001)
        error = self.failureResultOf(d, ConnectionException).value
        self.assertEqual(error.code, "TIMEOUT")
        assert error.details is not None
        self.assertEqual(error.details["timeout"], 200, "the last attempt had what was left")
        self.assertEqual(clock.getDelayedCalls(), [])

    def test_cancelling_during_failover_stops_everything(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.silent.add("b:2")
        fleet.refusing.add("a:1")
        client, clock, _ = fleet_client(fleet, timeout=1000)
        d = client.call("GET")
        self.assertEqual(fleet.attempts, ["a:1", "b:2"])
        d.cancel()
        self.failureResultOf(d, CancelledError)
        clock.advance(10)
        self.assertEqual(fleet.attempts, ["a:1", "b:2"])
        assert client._instances is not None
        self.assertEqual([i.outstanding for i in client._instances.instances], [0, 0, 0])


class CircuitTests(SynchronousTestCase):
    def test_an_instance_that_keeps_failing_is_ejected_then_tried_and_brought_back(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.refusing.add("a:1")
        client, clock, counters = fleet_client(fleet, failure_threshold=2, open_time=1000)
        for _ in range(6):
            self.successResultOf(client.call("POST"))
        seen = Counter(fleet.attempts)
        self.assertEqual(seen["a:1"], 2, "ejected after two refusals")
        self.assertEqual(counted(counters, "v1/fleet.instance_ejections"), 1)
        self.assertEqual(counted(counters, "v1/fleet.open_circuits"), 1)

        fleet.attempts.clear()
        for _ in range(4):
            self.successResultOf(client.call("POST"))
        self.assertNotIn("a:1", fleet.attempts)

        fleet.refusing.clear()
        clock.advance(1.0)
        fleet.attempts.clear()
        for _ in range(6):
            self.successResultOf(client.call("POST"))
        self.assertEqual(Counter(fleet.attempts), {"a:1": 2, "b:2": 2, "c:3": 2}, "back in rotation")
        self.assertEqual(counted(counters, "v1/fleet.open_circuits"), 0)

    def test_a_failed_trial_ejects_it_again_for_longer(self) -> None:
        fleet = FakeFleet(*HOSTS)
        fleet.refusing.add("a:1")
        client, clock, counters = fleet_client(fleet, failure_threshold=1, open_time=1000)
        for _ in range(3):
            self.successResultOf(client.call("POST"))
        clock.advance(1.0)
        fleet.attempts.clear()
        for _ in range(3):
            self.successResultOf(client.call("POST"))
        self.assertEqual(fleet.attempts.count("a:1"), 1, "one trial call")
        self.assertEqual(counted(counters, "v1/fleet.instance_ejections"), 2)
        clock.advance(1.0)
        fleet.attempts.clear()
        for _ in range(3):
            self.successResultOf(client.call("POST"))
        self.assertNotIn("a:1", fleet.attempts, "the second wait is 2 s")

    def test_when_every_circuit_is_open_calls_still_go_out(self) -> None:
        fleet = FakeFleet("a:1", "b:2")
        fleet.refusing.update(("a:1", "b:2"))
        client, _, counters = fleet_client(fleet, failure_threshold=1, retries=0)
        for _ in range(2):
            self.failureResultOf(client.call("POST"), ConnectionException)
        self.assertEqual(counted(counters, "v1/fleet.open_circuits"), 2)
        fleet.refusing.clear()
        self.successResultOf(client.call("POST"))
        self.assertEqual(counted(counters, "v1/fleet.open_circuits"), 1)

    def test_ejection_closes_the_idle_connections_of_the_instance(self) -> None:
        closed: list[str] = []

        class Pool:
            def __init__(self, name: str) -> None:
                self.name = name

            def closeCachedConnections(self) -> Any:  # noqa: N802
                from twisted.internet.defer import succeed

                closed.append(self.name)
                return succeed(None)

        fleet = FakeFleet(*HOSTS)
        fleet.refusing.add("a:1")

        class Client(FleetClient):
            def _make_client(self, target: Target) -> tuple[Any, Any]:
                return fleet, Pool(target.base_url)

        client = Client(http_client=fleet)
        client.configure(ConfigParams.from_tuples("connection.uri", "http://a:1,http://b:2,http://c:3",
                                                  "options.failure_threshold", 1))
        self.successResultOf(client.open(None))
        self.successResultOf(client.call("POST"))
        self.assertEqual(closed, ["http://a:1"])
        self.successResultOf(client.close(None))
        self.assertEqual(sorted(closed), ["http://a:1", "http://a:1", "http://b:2", "http://c:3"])
