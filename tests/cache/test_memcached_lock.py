"""MemcachedLock against the real memcached, and NullLock."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase, TestCase
from zope.interface.verify import verifyObject

from pipservices_tx.cache import ICache, ILock, MemcachedLock, NullCache, NullLock
from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import ConflictException

from ..support import require_server
from ._redis import unique_key

HOST, PORT = "127.0.0.1", 11211


class NullComponentsTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        self.assertTrue(verifyObject(ICache, NullCache()))
        self.assertTrue(verifyObject(ILock, NullLock()))
        self.assertTrue(verifyObject(ILock, MemcachedLock()))

    def test_null_lock_always_grants(self) -> None:
        lock = NullLock()
        self.assertTrue(self.successResultOf(lock.try_acquire_lock(None, "k", 1000)))
        self.assertTrue(self.successResultOf(lock.try_acquire_lock(None, "k", 1000)))
        self.assertIsNone(self.successResultOf(lock.acquire_lock(None, "k", 1000, 0)))
        self.assertIsNone(self.successResultOf(lock.release_lock(None, "k")))


class MemcachedLockTests(TestCase):
    async def open_lock(self) -> MemcachedLock:
        require_server(HOST, PORT, "memcached")
        lock = MemcachedLock()
        lock.configure(ConfigParams({"connection.host": HOST, "connection.port": PORT,
                                     "options.retry_timeout": 20}))
        await lock.open(None)
        self.addCleanup(lock.close, None)
        return lock

    async def test_exclusive_and_released_by_its_owner_only(self) -> None:
        a, b = await self.open_lock(), await self.open_lock()
        key = unique_key("mlock")
        self.assertTrue(await a.try_acquire_lock(None, key, 10000))
        self.assertFalse(await b.try_acquire_lock(None, key, 10000))
        await b.release_lock(None, key)  # b never held it
        self.assertFalse(await b.try_acquire_lock(None, key, 10000))
        await a.release_lock(None, key)
        self.assertTrue(await b.try_acquire_lock(None, key, 10000))
        with self.assertRaises(ConflictException):
            await a.acquire_lock("c", key, 10000, 60)
        await b.release_lock(None, key)
        await a.acquire_lock(None, key, 10000, 60)
        await a.release_lock(None, key)
