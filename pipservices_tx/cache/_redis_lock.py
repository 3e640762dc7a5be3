# -*- test-case-name: tests.cache.test_redis_lock -*-
"""RedisLock: a lock shared by every process that talks to one Redis."""

from __future__ import annotations

import uuid
from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ..config import ConfigParams
from ._interfaces import ILock
from ._lock import Lock
from ._redis_component import RedisComponent

RELEASE_SCRIPT = """
if redis.call("GET", KEYS[1]) == ARGV[1] then
    return redis.call("DEL", KEYS[1])
end
return 0
"""


@implementer(ILock)
class RedisLock(RedisComponent, Lock):
    """
    C{SET key token NX PX ttl} with a fresh token per acquisition; release runs
    a compare-and-delete script, so a lock that expired and was taken by
    another owner is left alone. Configured as L{RedisCache}, plus
    C{options.retry_timeout}.
    """

    def __init__(self) -> None:
        RedisComponent.__init__(self)
        Lock.__init__(self)
        self._tokens: dict[str, str] = {}

    def configure(self, config: ConfigParams) -> None:
        RedisComponent.configure(self, config)
        Lock.configure(self, config)

    def try_acquire_lock(self, correlation_id: Optional[str], key: str, ttl_ms: int) -> Deferred[bool]:
        token = uuid.uuid4().hex
        d = self._client.execute(correlation_id, "set", key, token, pexpire=max(1, int(ttl_ms)), only_if_not_exists=True)

        def answered(reply: Any) -> bool:
            if reply is None:
                return False
            self._tokens[key] = token
            return True

        return d.addCallback(answered)

    def release_lock(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        token = self._tokens.pop(key, None)
        if token is None:
            return succeed(None)
        d = self._client.execute(correlation_id, "eval", RELEASE_SCRIPT, [key], [token])
        return d.addCallback(lambda _: None)
