# -*- test-case-name: tests.cache.test_state_stores -*-
"""RedisStateStore: states as JSON strings in Redis, shared by every process that uses it."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, fail, succeed
from zope.interface import implementer

from ..config import ConfigParams
from ._interfaces import IStateStore
from ._json_codec import decode_value, encode_value
from ._redis_component import RedisComponent
from ._state_stores import StateValue, check_key


@implementer(IStateStore)
class RedisStateStore(RedisComponent):
    """
    C{GET}, C{MGET}, C{SET} (with C{PX} when C{options.timeout} ms is set;
    default 0: states never expire) and C{DEL}. Configured as L{RedisSettings}
    describes, plus C{options.timeout}. A value saved as None is deleted.
    """

    def __init__(self) -> None:
        super().__init__()
        self.timeout = 0

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.timeout = config.get_as_checked_timeout("options.timeout", self.timeout)

    def load(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        error = check_key(correlation_id, key)
        if error:
            return fail(error)
        return self._client.execute(correlation_id, "get", key).addCallback(decode_value)

    def load_bulk(self, correlation_id: Optional[str], keys: list[str]) -> Deferred[list[Any]]:
        if not keys:
            return succeed([])
        d = self._client.execute(correlation_id, "mget", list(keys))
        return d.addCallback(lambda texts: [
            StateValue(key, decode_value(text)) for key, text in zip(keys, texts, strict=True) if text is not None
        ])

    def save(self, correlation_id: Optional[str], key: str, value: Any) -> Deferred[Any]:
        error = check_key(correlation_id, key)
        if error:
            return fail(error)
        if value is None:
            return self._client.execute(correlation_id, "delete", key).addCallback(lambda _: None)
        try:
            text = encode_value(correlation_id, key, value)
        except Exception as e:
            return fail(e)
        expiry = {"pexpire": self.timeout} if self.timeout > 0 else {}
        return self._client.execute(correlation_id, "set", key, text, **expiry).addCallback(lambda _: value)

    def delete(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        error = check_key(correlation_id, key)
        if error:
            return fail(error)
        d = self._client.execute(correlation_id, "get", key)

        def got(text: Any) -> Deferred[Any]:
            return self._client.execute(correlation_id, "delete", key).addCallback(lambda _: decode_value(text))

        return d.addCallback(got)
