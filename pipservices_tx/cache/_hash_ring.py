# -*- test-case-name: tests.cache.test_hash_ring -*-
"""HashRing: consistent hashing, so adding or losing a server moves few keys."""

from __future__ import annotations

import bisect
import hashlib
from typing import Iterable, Iterator


def _point(text: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


class HashRing:
    """
    Each node sits at C{replicas} pseudo-random points of a 64-bit circle; a
    key belongs to the first node clockwise from its own point. The hash is
    stable across processes (no C{hash()}), so every client agrees.
    """

    def __init__(self, nodes: Iterable[str] = (), replicas: int = 160) -> None:
        self.replicas = replicas
        self._points: list[int] = []
        self._owners: list[str] = []
        self._nodes: list[str] = []
        for node in nodes:
            self.add(node)

    @property
    def nodes(self) -> list[str]:
        return list(self._nodes)

    def add(self, node: str) -> None:
        if node in self._nodes:
            return
        self._nodes.append(node)
        for replica in range(self.replicas):
            point = _point(f"{node}#{replica}".encode())
            index = bisect.bisect(self._points, point)
            self._points.insert(index, point)
            self._owners.insert(index, node)

    def remove(self, node: str) -> None:
        if node not in self._nodes:
            return
        self._nodes.remove(node)
        kept = [(p, n) for p, n in zip(self._points, self._owners, strict=True) if n != node]
        self._points = [p for p, _ in kept]
        self._owners = [n for _, n in kept]

    def node_for(self, key: bytes) -> str:
        """The node that owns C{key}; KeyError on an empty ring."""
        if not self._points:
            raise KeyError("the hash ring has no nodes")
        return self._owners[bisect.bisect(self._points, _point(key)) % len(self._points)]

    def iter_nodes(self, key: bytes) -> Iterator[str]:
        """Every node once, in ring order from C{key}: the owner, then its fallbacks."""
        if not self._points:
            return
        start = bisect.bisect(self._points, _point(key))
        seen: set[str] = set()
        count = len(self._points)
        for offset in range(count):
            node = self._owners[(start + offset) % count]
            if node not in seen:
                seen.add(node)
                yield node
                if len(seen) == len(self._nodes):
                    return
