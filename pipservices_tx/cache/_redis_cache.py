# -*- test-case-name: tests.cache.test_redis_cache -*-
"""RedisCache: values as JSON strings in Redis, readable by any Pip.Services language."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, fail
from zope.interface import implementer

from ..config import ConfigParams
from ._interfaces import ICache
from ._json_codec import decode_value, encode_value
from ._redis_component import RedisComponent
from ._timeouts import DEFAULT_ENTRY_TIMEOUT_MS, entry_timeout_ms


@implementer(ICache)
class RedisCache(RedisComponent):
    """
    C{SET key json PX ttl}, C{GET}, C{DEL}. Configured as L{RedisSettings}
    describes, plus C{options.timeout} (default entry ttl, ms, 60000).
    """

    def __init__(self) -> None:
        super().__init__()
        self.timeout = DEFAULT_ENTRY_TIMEOUT_MS

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.timeout = config.get_as_checked_timeout("options.timeout", self.timeout)

    def retrieve(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        return self._client.execute(correlation_id, "get", key).addCallback(decode_value)

    def store(self, correlation_id: Optional[str], key: str, value: Any, timeout: Optional[int] = None) -> Deferred[Any]:
        try:
            text = encode_value(correlation_id, key, value)
        except Exception as e:
            return fail(e)
        ttl_ms = entry_timeout_ms(timeout, self.timeout)
        d = self._client.execute(correlation_id, "set", key, text, pexpire=ttl_ms)
        return d.addCallback(lambda _: value)

    def remove(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        return self._client.execute(correlation_id, "delete", key).addCallback(lambda _: None)
