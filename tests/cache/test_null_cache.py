"""NullCache keeps nothing."""

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import NullCache


class NullCacheTests(SynchronousTestCase):
    def test_store_answers_with_value_but_retrieve_misses(self) -> None:
        cache = NullCache()
        self.assertEqual(self.successResultOf(cache.store(None, "k", {"a": 1}, 1000)), {"a": 1})
        self.assertIsNone(self.successResultOf(cache.retrieve(None, "k")))
        self.assertIsNone(self.successResultOf(cache.remove(None, "k")))
