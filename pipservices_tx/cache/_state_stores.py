# -*- test-case-name: tests.cache.test_state_stores -*-
"""State stores in the process: null (keeps nothing) and memory (with an optional expiry)."""

from __future__ import annotations

from typing import Any, Optional

from attrs import frozen
from twisted.internet.defer import Deferred, fail, succeed
from zope.interface import implementer

from ..config import ConfigParams, IReconfigurable
from ..errors import BadRequestException
from ..lifecycle import ReactorAware
from ._interfaces import IStateStore
from ._json_codec import decode_value, encode_value


@frozen
class StateValue:
    """One loaded state: its key and value."""

    key: str
    value: Any


def check_key(correlation_id: Optional[str], key: Any) -> Optional[BadRequestException]:
    """The error for a key a state store cannot use (empty or not a string), else None."""
    if isinstance(key, str) and key:
        return None
    return BadRequestException(correlation_id, "EMPTY_KEY", "A state key must be a non-empty string")


@implementer(IStateStore)
class NullStateStore:
    """Loads nothing and keeps nothing: where state is not wanted."""

    def load(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        return succeed(None)

    def load_bulk(self, correlation_id: Optional[str], keys: list[str]) -> Deferred[list[Any]]:
        return succeed([])

    def save(self, correlation_id: Optional[str], key: str, value: Any) -> Deferred[Any]:
        return succeed(value)

    def delete(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        return succeed(None)


@implementer(IStateStore, IReconfigurable)
class MemoryStateStore(ReactorAware):
    """
    States of this process, each kept as its JSON text (so a value that works
    here works in Redis). C{options.timeout} (ms, default 0: never) drops a
    state not saved for that long; time follows the reactor's clock.
    """

    def __init__(self) -> None:
        self.timeout = 0
        self._states: dict[str, tuple[str, float]] = {}

    def configure(self, config: ConfigParams) -> None:
        self.timeout = config.get_as_checked_timeout("options.timeout", self.timeout)

    def _live(self, key: str) -> Optional[str]:
        entry = self._states.get(key)
        if entry is None:
            return None
        text, saved_at = entry
        if self.timeout > 0 and self.reactor.seconds() - saved_at >= self.timeout / 1000.0:
            del self._states[key]
            return None
        return text

    def load(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        error = check_key(correlation_id, key)
        return fail(error) if error else succeed(decode_value(self._live(key)))

    def load_bulk(self, correlation_id: Optional[str], keys: list[str]) -> Deferred[list[Any]]:
        found = []
        for key in keys:
            text = self._live(key)
            if text is not None:
                found.append(StateValue(key, decode_value(text)))
        return succeed(found)

    def save(self, correlation_id: Optional[str], key: str, value: Any) -> Deferred[Any]:
        error = check_key(correlation_id, key)
        if error:
            return fail(error)
        if value is None:
            self._states.pop(key, None)
            return succeed(None)
        try:
            self._states[key] = (encode_value(correlation_id, key, value), self.reactor.seconds())
        except Exception as e:
            return fail(e)
        return succeed(value)

    def delete(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        error = check_key(correlation_id, key)
        if error:
            return fail(error)
        text = self._live(key)
        self._states.pop(key, None)
        return succeed(decode_value(text))
