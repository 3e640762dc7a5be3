# -*- test-case-name: tests.infrastructure.test_example_services -*-
"""The counters service: CounterV1 periods merged by name, read back as pages."""

from __future__ import annotations

from typing import Any, Optional

from pipservices_tx.commands import Command, CommandSet
from pipservices_tx.errors import BadRequestException
from pipservices_tx.logic import CommandableController
from pipservices_tx.portability import TypeCode
from pipservices_tx.refer import Descriptor, IReferences
from pipservices_tx.validation import ArraySchema, FilterParamsSchema, ObjectSchema, PagingParamsSchema

Item = dict[str, Any]


def counter_schema() -> ObjectSchema:
    """CounterV1: C{name} and C{type} (0 interval ... 4 increment) are required."""
    return (
        ObjectSchema(allow_undefined=True)
        .with_optional_property("id", TypeCode.String)
        .with_required_property("name", TypeCode.String)
        .with_optional_property("source", TypeCode.String)
        .with_required_property("type", TypeCode.Integer)
        .with_optional_property("time")
        .with_optional_property("last")
        .with_optional_property("count", TypeCode.Integer)
        .with_optional_property("min")
        .with_optional_property("max")
        .with_optional_property("average")
    )


class CountersController(CommandableController):
    """C{write_counter}, C{write_counters}, C{read_counters} and C{clear} over a C{persistence}."""

    controller_name = "v1/counters"

    def __init__(self) -> None:
        super().__init__()
        self.dependency_resolver.put("persistence", Descriptor("counters", "persistence", "*", "*", "1.0"))
        self._persistence: Any = None

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._persistence = self.dependency_resolver.get_one_required("persistence")

    def make_command_set(self) -> CommandSet:
        page = ObjectSchema().with_optional_property("filter", FilterParamsSchema()) \
            .with_optional_property("paging", PagingParamsSchema())
        commands = CommandSet()
        commands.add_commands([
            Command("write_counter", ObjectSchema().with_required_property("counter", counter_schema()),
                    lambda cid, args: self.write_counter(cid, args["counter"])),
            Command("write_counters", ObjectSchema().with_required_property("counters", ArraySchema(counter_schema())),
                    lambda cid, args: self.write_counters(cid, args["counters"])),
            # "fitler" is how the public protocol spells it; both are read.
            Command("read_counters", page.with_optional_property("fitler", FilterParamsSchema()),
                    lambda cid, args: self.read_counters(cid, args.get("filter") or args.get("fitler"),
                                                         args.get("paging"))),
            Command("clear", None, lambda cid, args: self._persistence.clear(cid)),
        ])
        return commands

    async def write_counter(self, correlation_id: Optional[str], counter: Item) -> Item:
        try:
            return await self._persistence.add(correlation_id, counter)  # type: ignore[no-any-return]
        except ValueError as e:
            raise BadRequestException(correlation_id, "INVALID_COUNTER", f"Counter {counter.get('name')!r}: {e}") \
                .with_cause(e) from e

    async def write_counters(self, correlation_id: Optional[str], counters: list[Item]) -> None:
        for counter in counters:
            await self.write_counter(correlation_id, counter)

    def read_counters(self, correlation_id: Optional[str], filter: Any, paging: Any) -> Any:
        """A page of counters, by name."""
        return self._persistence.get_page_by_filter(correlation_id, filter, paging, "name")
