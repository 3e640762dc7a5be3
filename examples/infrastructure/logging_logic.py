# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""The logging service: LogMessageV1 written in batches, read back as pages, errors kept apart."""

from __future__ import annotations

import datetime
from typing import Any, Optional

from pipservices_tx.commands import Command, CommandSet
from pipservices_tx.errors import BadRequestException
from pipservices_tx.logic import CommandableController
from pipservices_tx.logs import LogLevel, format_time
from pipservices_tx.portability import DateTimeConverter, IdGenerator, TypeCode
from pipservices_tx.refer import Descriptor, IReferences
from pipservices_tx.validation import ArraySchema, FilterParamsSchema, ObjectSchema, PagingParamsSchema

Message = dict[str, Any]


def log_message_schema() -> ObjectSchema:
    """LogMessageV1: C{level} is required (a number 0-6 or a level name); other fields as the protocol says."""
    error = ObjectSchema(allow_undefined=True).with_optional_property("code", TypeCode.String) \
        .with_optional_property("message", TypeCode.String).with_optional_property("stack_trace", TypeCode.String)
    return (
        ObjectSchema(allow_undefined=True)
        .with_optional_property("id", TypeCode.String)
        .with_optional_property("time")
        .with_optional_property("correlation_id", TypeCode.String)
        .with_optional_property("source", TypeCode.String)
        .with_required_property("level")
        .with_optional_property("message", TypeCode.String)
        .with_optional_property("error", error)
    )


def _page_schema() -> ObjectSchema:
    return ObjectSchema().with_optional_property("filter", FilterParamsSchema()) \
        .with_optional_property("paging", PagingParamsSchema())


class LoggingController(CommandableController):
    """
    C{write_message}, C{write_messages}, C{read_messages}, C{read_errors} and
    C{clear} over two persistences: C{messages} (every message) and
    C{errors} (error and fatal messages, usually kept longer).
    """

    controller_name = "v1/logging"

    def __init__(self) -> None:
        super().__init__()
        self.dependency_resolver.put("messages", Descriptor("logging", "persistence-messages", "*", "*", "1.0"))
        self.dependency_resolver.put("errors", Descriptor("logging", "persistence-errors", "*", "*", "1.0"))
        self._messages: Any = None
        self._errors: Any = None

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._messages = self.dependency_resolver.get_one_required("messages")
        self._errors = self.dependency_resolver.get_one_required("errors")

    def make_command_set(self) -> CommandSet:
        commands = CommandSet()
        commands.add_commands([
            Command("write_message", ObjectSchema().with_required_property("message", log_message_schema()),
                    lambda cid, args: self.write_message(cid, args["message"])),
            Command("write_messages",
                    ObjectSchema().with_required_property("messages", ArraySchema(log_message_schema())),
                    lambda cid, args: self.write_messages(cid, args["messages"])),
            Command("read_messages", _page_schema(),
                    lambda cid, args: self.read_messages(cid, args.get("filter"), args.get("paging"))),
            Command("read_errors", _page_schema(),
                    lambda cid, args: self.read_errors(cid, args.get("filter"), args.get("paging"))),
            Command("clear", None, lambda cid, args: self.clear(cid)),
        ])
        return commands

    @staticmethod
    def normalize(correlation_id: Optional[str], message: Message) -> Message:
        """A stored message: a new id, the level as its number, the time as UTC ISO 8601 (now when missing)."""
        level = LogLevel.lookup(message.get("level"))
        if level is None:
            raise BadRequestException(correlation_id, "INVALID_LEVEL",
                                      f"Log level {message.get('level')!r} is not 0-6 or a level name")
        time = DateTimeConverter.to_nullable_datetime(message.get("time"))
        if time is None:
            time = datetime.datetime.now(datetime.timezone.utc)
        return {**message, "id": IdGenerator.next_long(), "level": int(level), "time": format_time(time)}

    async def write_message(self, correlation_id: Optional[str], message: Message) -> Message:
        """Stores one message; answers with it as stored."""
        return (await self._store(correlation_id, [message]))[0]

    async def write_messages(self, correlation_id: Optional[str], messages: list[Message]) -> None:
        """Stores a batch; answers with nothing (204), as the protocol does."""
        await self._store(correlation_id, messages)

    async def _store(self, correlation_id: Optional[str], messages: list[Message]) -> list[Message]:
        stored = [self.normalize(correlation_id, message) for message in messages]
        errors = [m for m in stored if LogLevel.NONE < m["level"] <= LogLevel.ERROR]
        await self._messages.add_batch(correlation_id, stored)
        if errors:
            await self._errors.add_batch(correlation_id, errors)
        return stored

    def read_messages(self, correlation_id: Optional[str], filter: Any, paging: Any) -> Any:
        """A page of messages, newest first."""
        return self._messages.read_page(correlation_id, filter, paging)

    def read_errors(self, correlation_id: Optional[str], filter: Any, paging: Any) -> Any:
        """A page of error and fatal messages, newest first."""
        return self._errors.read_page(correlation_id, filter, paging)

    async def clear(self, correlation_id: Optional[str]) -> None:
        await self._messages.clear(correlation_id)
        await self._errors.clear(correlation_id)
