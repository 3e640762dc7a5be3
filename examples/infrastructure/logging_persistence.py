# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""Where the logging service keeps messages: in memory or in a JSON file, the newest N."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

from twisted.internet.defer import Deferred

from pipservices_tx.config import ConfigParams
from pipservices_tx.data import FilterParams
from pipservices_tx.logs import format_time
from pipservices_tx.persistence import IdentifiableFilePersistence, IdentifiableMemoryPersistence

Message = dict[str, Any]


def _contains(value: Any, search: str) -> bool:
    return isinstance(value, str) and search in value.lower()


def message_predicate(filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
    """
    C{search} (in the message, correlation id or error, any case), C{level}
    (exactly), C{max_level} (that level or worse), C{from_time} (inclusive),
    C{to_time} (exclusive), C{source} and C{correlation_id} (exactly).
    """
    search = (filter_params.get_as_nullable_string("search") or "").lower() or None
    level = filter_params.get_as_nullable_integer("level")
    max_level = filter_params.get_as_nullable_integer("max_level")
    from_time = filter_params.get_as_nullable_datetime("from_time")
    to_time = filter_params.get_as_nullable_datetime("to_time")
    source = filter_params.get_as_nullable_string("source")
    correlation_id = filter_params.get_as_nullable_string("correlation_id")
    if all(value is None for value in (search, level, max_level, from_time, to_time, source, correlation_id)):
        return None
    from_text = format_time(from_time) if from_time else None
    to_text = format_time(to_time) if to_time else None

    def matches(message: Mapping[str, Any]) -> bool:
        if search is not None:
            error = message.get("error") or {}
            fields = (message.get("message"), message.get("correlation_id"), error.get("message"),
                      error.get("code"), error.get("stack_trace"))
            if not any(_contains(field, search) for field in fields):
                return False
        if level is not None and message.get("level") != level:
            return False
        if max_level is not None and message.get("level", 0) > max_level:
            return False
        if from_text is not None and message.get("time", "") < from_text:
            return False
        if to_text is not None and message.get("time", "") >= to_text:
            return False
        if source is not None and message.get("source") != source:
            return False
        return correlation_id is None or message.get("correlation_id") == correlation_id

    return matches


class LogMessagesMemoryPersistence(IdentifiableMemoryPersistence):
    """
    Messages in memory, the newest C{options.max_total_size} (default
    10000) kept. Times are compared as text: the controller stores every
    C{time} as UTC ISO 8601 with milliseconds, which sorts as it reads.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_total_size = 10000

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.max_total_size = config.get_as_checked_integer("options.max_total_size", self.max_total_size,
                                                            minimum=1)

    def _compose_filter(self, filter_params: FilterParams) -> Optional[Callable[[Mapping[str, Any]], bool]]:
        return message_predicate(filter_params)

    async def add_batch(self, correlation_id: Optional[str], messages: list[Message]) -> None:
        """Stores the messages, then forgets the oldest beyond the limit."""
        for message in messages:
            await self.create(correlation_id, message)
        excess = len(self._items) - self.max_total_size
        if excess > 0:
            oldest = sorted(self._items.values(), key=lambda m: m.get("time", ""))[:excess]
            await self.delete_by_ids(correlation_id, [m["id"] for m in oldest])

    def read_page(self, correlation_id: Optional[str], filter: Any, paging: Any) -> Deferred[Any]:
        """A page of matching messages, newest first."""
        return self.get_page_by_filter(correlation_id, filter, paging, "-time")


class LogMessagesFilePersistence(IdentifiableFilePersistence, LogMessagesMemoryPersistence):
    """The same, kept in a JSON file (C{path})."""
