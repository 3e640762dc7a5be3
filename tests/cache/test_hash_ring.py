"""HashRing: stable placement, few keys move when the server set changes."""

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import HashRing

KEYS = [f"key-{i}".encode() for i in range(5000)]
SERVERS = [f"10.0.0.{i}:11211" for i in range(1, 5)]


class HashRingTests(SynchronousTestCase):
    def test_placement_is_deterministic_across_instances(self) -> None:
        a, b = HashRing(SERVERS), HashRing(reversed(SERVERS))
        self.assertEqual([a.node_for(k) for k in KEYS[:500]], [b.node_for(k) for k in KEYS[:500]])

    def test_keys_spread_over_every_server(self) -> None:
        ring = HashRing(SERVERS)
        counts = {server: 0 for server in SERVERS}
        for key in KEYS:
            counts[ring.node_for(key)] += 1
        for count in counts.values():
            self.assertGreater(count, len(KEYS) / len(SERVERS) / 2)

    def test_adding_a_server_moves_only_keys_to_it(self) -> None:
        ring = HashRing(SERVERS)
        before = {key: ring.node_for(key) for key in KEYS}
        ring.add("10.0.0.5:11211")
        moved = [key for key in KEYS if ring.node_for(key) != before[key]]
        self.assertTrue(all(ring.node_for(key) == "10.0.0.5:11211" for key in moved))
        # one server in five should take about a fifth of the keys
        self.assertLess(len(moved), len(KEYS) * 0.3)
        self.assertGreater(len(moved), len(KEYS) * 0.1)

    def test_removing_a_server_moves_only_its_keys(self) -> None:
        ring = HashRing(SERVERS)
        before = {key: ring.node_for(key) for key in KEYS}
        ring.remove(SERVERS[1])
        for key in KEYS:
            if before[key] != SERVERS[1]:
                self.assertEqual(ring.node_for(key), before[key])
            else:
                self.assertNotEqual(ring.node_for(key), SERVERS[1])

    def test_fallback_of_a_key_is_where_it_goes_when_its_server_leaves(self) -> None:
        ring = HashRing(SERVERS)
        for key in KEYS[:300]:
            owner, fallback = list(ring.iter_nodes(key))[:2]
            smaller = HashRing(s for s in SERVERS if s != owner)
            self.assertEqual(smaller.node_for(key), fallback)

    def test_empty_ring(self) -> None:
        ring = HashRing()
        self.assertEqual(list(ring.iter_nodes(b"k")), [])
        self.assertRaises(KeyError, ring.node_for, b"k")

    def test_adding_twice_and_removing_unknown_change_nothing(self) -> None:
        ring = HashRing(SERVERS)
        placement = [ring.node_for(k) for k in KEYS[:200]]
        ring.add(SERVERS[0])
        ring.remove("nope:1")
        self.assertEqual(ring.nodes, SERVERS)
        self.assertEqual([ring.node_for(k) for k in KEYS[:200]], placement)

    @settings(max_examples=200)
    @given(st.binary(max_size=64), st.sets(st.text(min_size=1, max_size=8), min_size=1, max_size=6))
    def test_iter_nodes_lists_every_node_once_owner_first(self, key: bytes, nodes: set[str]) -> None:
        ring = HashRing(nodes, replicas=20)
        order = list(ring.iter_nodes(key))
        self.assertEqual(sorted(order), sorted(nodes))
        self.assertEqual(order[0], ring.node_for(key))
