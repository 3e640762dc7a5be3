"""Components and a factory that the testing-toolkit tests build from YAML."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed
from twisted.internet.task import deferLater
from zope.interface import implementer

from pipservices_tx.build import Factory
from pipservices_tx.commands import Command, CommandSet, ICommandable
from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.lifecycle import IClosable, IOpenable, IReactorAware, ReactorAware
from pipservices_tx.logs import CompositeLogger
from pipservices_tx.portability import TypeCode
from pipservices_tx.refer import Descriptor, IReferenceable, IReferences
from pipservices_tx.services import CommandableHttpService, HttpResponse, RestService
from pipservices_tx.validation import ObjectSchema


@implementer(IConfigurable, IOpenable, IClosable)
class Probe(ReactorAware):
    """
    Keeps its config and takes the reactor like the framework's components
    (L{ReactorAware}). Config: C{open_delay} (s on the reactor), C{hang_open}.
    """

    def __init__(self) -> None:
        self.config = ConfigParams()
        self.journal: list[str] = []
        self.opened = False

    def configure(self, config: ConfigParams) -> None:
        self.journal.append("configure")
        self.config = config

    def is_open(self) -> bool:
        return self.opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self.config.get_as_boolean("hang_open"):
            return Deferred()
        delay = self.config.get_as_float("open_delay")

        def opened() -> None:
            self.journal.append("open")
            self.opened = True

        if delay > 0:
            return deferLater(self.reactor, delay, opened)
        opened()
        return succeed(None)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        self.journal.append("close")
        self.opened = False
        return succeed(None)


@implementer(IReactorAware, IConfigurable)
class AwareProbe:
    """Takes the reactor through the IReactorAware hook; notes the order of calls."""

    def __init__(self) -> None:
        self.reactor: Any = None
        self.journal: list[str] = []

    def set_reactor(self, reactor: Any) -> None:
        self.journal.append("set_reactor")
        self.reactor = reactor

    def configure(self, config: ConfigParams) -> None:
        self.journal.append("configure")


@implementer(ICommandable, IReactorAware, IReferenceable)
class GreeterController:
    """
    Commands: C{greet} (C{name} required), C{nothing} (None), C{later}
    (answers after 5 s on its clock), C{crash}; logs each greeting at info.
    """

    def __init__(self) -> None:
        self.clock: Any = None
        self.logger = CompositeLogger(component="greeter")
        self.command_set = CommandSet()
        self.command_set.add_commands([
            Command("greet", ObjectSchema().with_required_property("name", TypeCode.String), self._greet),
            Command("nothing", None, lambda correlation_id, args: None),
            Command("later", None, lambda correlation_id, args: deferLater(self.clock, 5, lambda: "done")),
        ])

    def set_reactor(self, reactor: Any) -> None:
        self.clock = reactor

    def set_references(self, references: IReferences) -> None:
        self.logger.set_references(references)

    def get_command_set(self) -> CommandSet:
        return self.command_set

    def _greet(self, correlation_id: Optional[str], args: dict[str, Any]) -> dict[str, Any]:
        self.logger.info(correlation_id, "Greeted %s", args["name"])
        return {"hello": args["name"]}


class GreeterService(CommandableHttpService):
    """C{v1/greeter}: the commands of C{test:controller:*:*:1.0}."""

    def __init__(self) -> None:
        super().__init__("v1/greeter")
        self._dependency_resolver.put("controller", Descriptor("test", "controller", "*", "*", "1.0"))


class TextService(RestService):
    """C{GET /text}: a plain-text answer, which is not JSON."""

    def register(self) -> None:
        self.register_route("GET", "/text", lambda request: HttpResponse("plain words"))


class ToolkitTestFactory(Factory):
    """C{test:probe}, C{test:aware}, C{test:controller}, C{test:service:http}, C{test:service:text}."""

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("test", "probe", "default", "*", "1.0"), Probe)
        self.register_as_type(Descriptor("test", "aware", "default", "*", "1.0"), AwareProbe)
        self.register_as_type(Descriptor("test", "controller", "default", "*", "1.0"), GreeterController)
        self.register_as_type(Descriptor("test", "service", "http", "*", "1.0"), GreeterService)
        self.register_as_type(Descriptor("test", "service", "text", "*", "1.0"), TextService)
