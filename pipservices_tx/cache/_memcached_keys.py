# -*- test-case-name: tests.cache.test_memcached_keys -*-
"""Turns any cache key into one memcached accepts: printable, no spaces, <= 250 bytes."""

from __future__ import annotations

import hashlib
import re

MAX_KEY_BYTES = 250
_INVALID = re.compile(rb"[\x00-\x20\x7f]")


def memcached_key(key: str) -> bytes:
    """
    A valid key is kept as it is (so other clients find it); any other key
    becomes a readable prefix with the invalid bytes replaced, then C{#} and the
    SHA-256 of the whole key, so two different keys never share an entry.
    """
    raw = key.encode("utf-8")
    if len(raw) <= MAX_KEY_BYTES and not _INVALID.search(raw):
        return raw
    digest = hashlib.sha256(raw).hexdigest().encode()
    prefix = _INVALID.sub(b"_", raw[:100])
    return prefix + b"#" + digest
