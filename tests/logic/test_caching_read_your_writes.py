"""
A read that starts after an acknowledged write never sees the old value:
CachingDecorator over a real Redis, one writer per key, concurrent readers.
"""

from __future__ import annotations

from typing import Any

from twisted.internet import defer, reactor
from twisted.internet.task import deferLater
from twisted.trial.unittest import TestCase

from pipservices_tx.cache import RedisCache
from pipservices_tx.config import ConfigParams
from pipservices_tx.logic import CachingDecorator
from pipservices_tx.persistence import IdentifiableMemoryPersistence
from pipservices_tx.refer import Descriptor, References

from ..cache._redis import redis_cli, shared_redis_config, unique_key

TARGET = Descriptor("test", "persistence", "memory", "default", "1.0")
CACHE = Descriptor("pip-services", "cache", "redis", "default", "1.0")

#: Bounds of the load: updates per key, keys (one writer each), readers per key, reads per reader.
UPDATES, KEYS, READERS, MAX_READS = 250, 4, 8, 30000


class DatabaseLikePersistence(IdentifiableMemoryPersistence):
    """
    Answers in a later reactor turn, as a database does: a read sees the data
    as it was when it was asked, a write is applied at once and acknowledged
    later, so a read's answer and a write's acknowledgement can arrive in the
    same turn.
    """

    def get_one_by_id(self, correlation_id: Any, id: Any) -> Any:
        seen = super().get_one_by_id(correlation_id, id)
        return deferLater(reactor, 0, lambda: seen).addCallback(lambda d: d)

    def update(self, correlation_id: Any, item: Any) -> Any:
        done = super().update(correlation_id, item)
        return deferLater(reactor, 0, lambda: done).addCallback(lambda d: d)


class ReadYourWritesTests(TestCase):
    timeout = 60

    async def test_no_read_after_an_acknowledged_update_sees_the_old_version(self) -> None:
        cache = RedisCache()
        config = shared_redis_config(pool_size=8)
        cache.configure(config)
        await cache.open(None)
        self.addCleanup(cache.close, None)
        persistence = DatabaseLikePersistence()
        ids = [f"item-{n}" for n in range(KEYS)]
        for id in ids:
            await persistence.create(None, {"id": id, "version": 0})
        prefix = unique_key("ryw")
        decorator = CachingDecorator()
        decorator.configure(ConfigParams.from_value({
            "dependencies": {"target": str(TARGET)},
            "options": {"prefix": prefix},
            "methods": {"get_one_by_id": {"key": "{prefix}:{id}"}},
            "invalidate": ["update"],
        }))
        decorator.set_references(References.from_tuples(TARGET, persistence, CACHE, cache))
        self.addCleanup(lambda: redis_cli("DEL", *[f"{prefix}:{id}" for id in ids]))

        acknowledged = dict.fromkeys(ids, 0)
        done = dict.fromkeys(ids, False)
        stale: list[tuple[str, int, int]] = []
        reads = [0]

        reads_since_write = dict.fromkeys(ids, 0)

        async def write(id: str) -> None:
            for version in range(1, UPDATES + 1):
                # a few reads first, so that the cache holds the key when the update comes
                while reads_since_write[id] < READERS and not done[id]:
                    await deferLater(reactor, 0, lambda: None)
                reads_since_write[id] = 0
                await decorator.update(None, {"id": id, "version": version})
                acknowledged[id] = version
            done[id] = True

        async def read(id: str) -> None:
            for _ in range(MAX_READS):
                if done[id]:
                    return
                floor = acknowledged[id]
                item: Any = await decorator.get_one_by_id(None, id)
                reads[0] += 1
                reads_since_write[id] += 1
                if item["version"] < floor:
                    stale.append((id, floor, item["version"]))

        work = [defer.ensureDeferred(read(id)) for id in ids for _ in range(READERS)]
        work += [defer.ensureDeferred(write(id)) for id in ids]
        await defer.gatherResults(work, consumeErrors=True)
        self.assertGreater(reads[0], UPDATES * KEYS)
        self.assertEqual(stale, [], f"{len(stale)} of {reads[0]} reads saw a version older than acknowledged")
