# -*- test-case-name: tests.logic.test_controller -*-
"""InstrumentingInterceptor: logs, times and counts every command of a command set."""

from __future__ import annotations

from typing import Any, Optional, Protocol

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure
from zope.interface import implementer

from ..commands import ICommand, ICommandInterceptor, take_caller_instruments
from ..counters import CompositeCounters
from ..errors import BadRequestException
from ..logs import CompositeLogger, LogLevel
from ..validation import ValidationException, ValidationResult


def is_invalid_call(error: Any) -> bool:
    """True for a call rejected by argument validation (code C{INVALID_DATA})."""
    return isinstance(error, ValidationException) or (
        isinstance(error, BadRequestException) and error.code == "INVALID_DATA"
    )


class _Names:
    """The counter names of one command, built once per command and prefix."""

    __slots__ = ("prefix", "full", "count", "time", "errors")

    def __init__(self, prefix: str, command: str) -> None:
        self.prefix = prefix
        self.full = f"{prefix}.{command}" if prefix else command
        self.count = self.full + ".exec_count"
        self.time = self.full + ".exec_time"
        self.errors = self.full + ".exec_errors"


class IInstrumented(Protocol):
    """What an L{InstrumentingInterceptor} reads from its owner at every call."""

    name: str
    logger: CompositeLogger
    counters: CompositeCounters


@implementer(ICommandInterceptor)
class InstrumentingInterceptor:
    """
    Around every command C{<name>.<command>}: a trace log C{Executing
    <name>.<command>}, the counters C{.exec_count} and C{.exec_time} (ms),
    and on failure C{.exec_errors} plus an error log.

    A call rejected by argument validation (a ValidationException, code
    C{INVALID_DATA}) is the caller's mistake, not the component's: it counts
    in C{exec_count} and C{exec_time}, is logged at debug level, and is NOT
    counted in C{exec_errors}, so that counter alerts on real faults only.

    C{owner.name}, C{owner.logger} and C{owner.counters} are read at every
    call, so a name configured after the command set was built still applies.

    A call started inside L{caller_instruments} (a commandable service that
    counts it under its own route) passes through untouched: one set of
    counters and one error line per call.
    """

    def __init__(self, owner: IInstrumented) -> None:
        self._owner = owner
        self._names: dict[str, _Names] = {}

    def _names_of(self, command: str) -> _Names:
        prefix = self._owner.name
        names = self._names.get(command)
        if names is None or names.prefix != prefix:
            names = self._names[command] = _Names(prefix, command)
        return names

    def get_name(self, command: ICommand) -> str:
        return str(command.name)

    def execute(self, correlation_id: Optional[str], command: ICommand, args: Optional[dict[str, Any]]) -> Deferred[Any]:
        if take_caller_instruments():
            return command.execute(correlation_id, args)  # a service already counts and logs this call
        owner = self._owner
        names = self._names_of(command.name)
        logger = owner.logger
        counters = owner.counters
        if logger.level >= LogLevel.TRACE:
            logger.trace(correlation_id, "Executing %s", names.full)
        counters.increment_one(names.count)
        timing = counters.begin_timing(names.time)
        d = command.execute(correlation_id, args)
        if d.called and not isinstance(d.result, Failure):
            timing.end_timing()
            return d

        def done(result: Any) -> Any:
            timing.end_timing()
            if isinstance(result, Failure):
                error = result.value
                if is_invalid_call(error):
                    logger.debug(correlation_id, "Rejected %s: %s", names.full, error)
                else:
                    counters.increment_one(names.errors)
                    logger.error(correlation_id, error, "Failed to execute %s", names.full)
            return result

        return d.addBoth(done)

    def validate(self, command: ICommand, args: Optional[dict[str, Any]]) -> list[ValidationResult]:
        return list(command.validate(args))
