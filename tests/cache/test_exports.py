"""The public names of pipservices_tx.cache, and that txredisapi loads only on demand."""

import subprocess
import sys

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

import pipservices_tx.cache as cache
from pipservices_tx.lifecycle import IOpenable


class ExportsTests(SynchronousTestCase):
    def test_all_names_exist(self) -> None:
        self.assertEqual(
            sorted(cache.__all__),
            [
                "DefaultCacheFactory", "HashRing", "ICache", "ILock", "IStateStore", "Lock", "MemcachedCache",
                "MemcachedLock", "MemcachedSettings", "MemoryCache", "MemoryLock", "MemoryStateStore", "NullCache",
                "NullLock", "NullStateStore", "RedisCache", "RedisLock", "RedisSettings", "RedisStateStore",
                "StateValue", "decode_value", "encode_value", "memcached_key", "parse_memcached_uri",
            ],
        )
        for name in cache.__all__:
            self.assertIsNotNone(getattr(cache, name))

    def test_implementations_provide_their_interfaces(self) -> None:
        for impl in (cache.NullCache(), cache.MemoryCache(), cache.RedisCache(), cache.MemcachedCache()):
            self.assertTrue(verifyObject(cache.ICache, impl))
        for lock in (cache.MemoryLock(), cache.RedisLock(), cache.NullLock(), cache.MemcachedLock()):
            self.assertTrue(verifyObject(cache.ILock, lock))
        for component in (cache.RedisCache(), cache.RedisLock(), cache.MemcachedCache()):
            self.assertTrue(verifyObject(IOpenable, component))

    def test_txredisapi_is_imported_only_when_a_redis_component_opens(self) -> None:
        script = (
            "import sys\n"
            "from pipservices_tx.cache import DefaultCacheFactory, RedisCache\n"
            "from pipservices_tx.config import ConfigParams\n"
            "from pipservices_tx.refer import Descriptor\n"
            "c = DefaultCacheFactory().create(Descriptor('pip-services', 'cache', 'redis', 'x', '1.0'))\n"
            "c.configure(ConfigParams.from_tuples('connection.port', 6379))\n"
            "print('txredisapi' in sys.modules)\n"
        )
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        self.assertEqual(out.stdout.strip(), "False")
