"""DefaultCacheFactory builds the standard cache and lock descriptors."""

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import (
    DefaultCacheFactory,
    MemcachedCache,
    MemoryCache,
    MemoryLock,
    NullCache,
    RedisCache,
    RedisLock,
)
from pipservices_tx.errors import CreateException
from pipservices_tx.refer import Descriptor


class DefaultCacheFactoryTests(SynchronousTestCase):
    def test_standard_descriptors(self) -> None:
        factory = DefaultCacheFactory()
        for type_, kind, cls in (
            ("cache", "null", NullCache),
            ("cache", "memory", MemoryCache),
            ("cache", "redis", RedisCache),
            ("cache", "memcached", MemcachedCache),
            ("lock", "memory", MemoryLock),
            ("lock", "redis", RedisLock),
        ):
            locator = Descriptor("pip-services", type_, kind, "default", "1.0")
            self.assertIsNotNone(factory.can_create(locator))
            self.assertIsInstance(factory.create(locator), cls)

    def test_each_create_is_a_new_component(self) -> None:
        factory = DefaultCacheFactory()
        locator = Descriptor.from_string("pip-services:cache:memory:default:1.0")
        self.assertIsNot(factory.create(locator), factory.create(locator))

    def test_unknown_kind(self) -> None:
        locator = Descriptor("pip-services", "cache", "couchbase", "default", "1.0")
        self.assertIsNone(DefaultCacheFactory().can_create(locator))
        self.assertRaises(CreateException, DefaultCacheFactory().create, locator)
