"""The balancing strategies on their own."""

from __future__ import annotations

import random
from collections import Counter

from attrs import define
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.clients._balancer import LeastOutstanding, RandomChoice, RoundRobin, make_balancer
from pipservices_tx.errors import ConfigException


@define(eq=False)
class Node:
    name: str
    outstanding: int = 0


class StrategyTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.nodes = [Node("a"), Node("b"), Node("c")]

    def test_round_robin_takes_each_in_turn(self) -> None:
        balancer = RoundRobin()
        self.assertEqual([balancer.choose(self.nodes, self.nodes).name for _ in range(7)], list("abcabca"))

    def test_random_spreads_over_all(self) -> None:
        balancer = RandomChoice(random.Random(3))
        counts = Counter(balancer.choose(self.nodes, self.nodes).name for _ in range(3000))
        self.assertEqual(set(counts), {"a", "b", "c"})
        self.assertTrue(all(800 < n < 1200 for n in counts.values()), counts)

    def test_least_outstanding_takes_the_least_loaded_and_ties_in_turn(self) -> None:
        balancer = LeastOutstanding()
        self.nodes[0].outstanding = 2
        self.nodes[1].outstanding = 1
        self.nodes[2].outstanding = 1
        self.assertEqual([balancer.choose(self.nodes, self.nodes).name for _ in range(4)], list("bcbc"))
        self.nodes[2].outstanding = 0
        self.assertEqual(balancer.choose(self.nodes, self.nodes).name, "c")

    def test_round_robin_skips_who_may_not_take_the_call_and_keeps_the_turn(self) -> None:
        balancer = RoundRobin()
        a, b, c = self.nodes
        self.assertIs(balancer.choose(self.nodes, [a, b, c]), a)
        self.assertIs(balancer.choose(self.nodes, [a, c]), c, "b is skipped")
        self.assertIs(balancer.choose(self.nodes, [a, b, c]), a, "the turn goes on after c")
        self.assertIs(balancer.choose(self.nodes[:2], [b]), b, "instances may go away")

    def test_names(self) -> None:
        self.assertIsInstance(make_balancer("round_robin"), RoundRobin)
        self.assertIsInstance(make_balancer("Least-Outstanding"), LeastOutstanding)
        self.assertIsInstance(make_balancer(" random "), RandomChoice)
        with self.assertRaises(ConfigException) as e:
            make_balancer("fastest")
        self.assertEqual(e.exception.code, "BAD_BALANCING")
