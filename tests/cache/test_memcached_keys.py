"""Keys memcached accepts."""

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.cache import memcached_key


def valid(key: bytes) -> bool:
    return len(key) <= 250 and all(b > 0x20 and b != 0x7F for b in key)


class MemcachedKeyTests(SynchronousTestCase):
    def test_valid_keys_are_kept(self) -> None:
        self.assertEqual(memcached_key("beacons:1"), b"beacons:1")
        self.assertEqual(memcached_key("é" * 125), ("é" * 125).encode())
        self.assertEqual(memcached_key("x" * 250), b"x" * 250)

    def test_spaces_control_chars_and_length_are_hashed(self) -> None:
        for key in ("a b", "a\nb", "a\x7fb", "x" * 251, "é" * 126):
            result = memcached_key(key)
            self.assertTrue(valid(result), result)
            self.assertNotEqual(result, key.encode())
        self.assertTrue(memcached_key("user 1").startswith(b"user_1#"))

    def test_similar_invalid_keys_stay_apart(self) -> None:
        self.assertNotEqual(memcached_key("a b"), memcached_key("a\tb"))
        self.assertNotEqual(memcached_key("x" * 300), memcached_key("x" * 301))

    @settings(max_examples=200)
    @given(st.text(max_size=400), st.text(max_size=400))
    def test_always_valid_and_distinct(self, a: str, b: str) -> None:
        self.assertTrue(valid(memcached_key(a)))
        if a != b:
            self.assertNotEqual(memcached_key(a), memcached_key(b))
