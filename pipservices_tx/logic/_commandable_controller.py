# -*- test-case-name: tests.logic.test_controller -*-
"""CommandableController: a controller base whose commands are logged, timed and counted for free."""

from __future__ import annotations

from typing import ClassVar, Optional

from twisted.internet.interfaces import IReactorTime
from zope.interface import implementer

from ..commands import CommandSet, ICommandable
from ..config import ConfigParams, IConfigurable
from ..counters import CompositeCounters
from ..lifecycle import ReactorAware
from ..logs import CompositeLogger
from ..refer import DependencyResolver, IReferenceable, IReferences
from ._instrumenting_interceptor import InstrumentingInterceptor


@implementer(ICommandable, IConfigurable, IReferenceable)
class CommandableController(ReactorAware):
    """
    Subclass it, declare dependencies in C{dependency_resolver} (config
    C{dependencies.<name>} overrides them), and either override
    L{make_command_set} or add commands to C{self.command_set}. Every
    command then runs inside an L{InstrumentingInterceptor}: trace log
    C{Executing <name>.<command>}, counters C{<name>.<command>.exec_count},
    C{.exec_time}, C{.exec_errors}; no instrumentation code in the subclass.

    C{<name>} is config C{name}, else the class attribute C{controller_name},
    else the class name. C{logger} and C{counters} write to every logger and
    counters in references. Subclasses overriding C{configure} or
    C{set_references} call the base method first.

    The instrumenting interceptor is added after the command set is made: it
    runs inside any interceptor L{make_command_set} added, outside any added
    later.
    """

    controller_name: ClassVar[Optional[str]] = None

    def __init__(self) -> None:
        self.name: str = self.controller_name or type(self).__name__
        self.logger = CompositeLogger(component=self.name)
        self.counters = CompositeCounters()
        self.dependency_resolver = DependencyResolver()
        self._command_set: Optional[CommandSet] = None

    def set_reactor(self, reactor: IReactorTime) -> None:
        """Command timings follow C{reactor.seconds()} (a test's clock, or the container's reactor)."""
        super().set_reactor(reactor)
        self.counters.set_reactor(reactor)

    def configure(self, config: ConfigParams) -> None:
        self.name = config.get_as_string_with_default("name", self.name) or self.name
        self.logger.component = self.name
        self.dependency_resolver.configure(config)

    def set_references(self, references: IReferences) -> None:
        self.logger.set_references(references)
        self.counters.set_references(references)
        self.dependency_resolver.set_references(references)

    def make_command_set(self) -> CommandSet:
        """The commands of this controller; called once, on first use. Override it."""
        return CommandSet()

    @property
    def command_set(self) -> CommandSet:
        """The instrumented command set (made on first use)."""
        if self._command_set is None:
            command_set = self.make_command_set()
            command_set.add_interceptor(InstrumentingInterceptor(self))
            self._command_set = command_set
        return self._command_set

    def get_command_set(self) -> CommandSet:
        return self.command_set
