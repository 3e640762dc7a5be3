# -*- test-case-name: tests.logs.test_loggers -*-
"""CompositeLogger: what a component holds to write to every configured logger."""

from __future__ import annotations

from typing import Optional

from ..refer import Descriptor, IReferences
from ._entry import LogEntry
from ._interfaces import ILogger
from ._level import LogLevel
from ._logger import Logger

LOGGER_LOCATOR = Descriptor(None, "logger", None, None, None)


class CompositeLogger(Logger):
    """
    Forwards every entry to the loggers found in references; each of them
    applies its own level. C{component} names the owner in the entries.
    """

    def __init__(self, references: Optional[IReferences] = None, component: Optional[str] = None) -> None:
        super().__init__(LogLevel.NONE)
        self.component = component
        self._loggers: list[ILogger] = []
        if references is not None:
            self.set_references(references)

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._loggers = [
            logger for logger in references.get_optional(LOGGER_LOCATOR)
            if ILogger.providedBy(logger) and not isinstance(logger, CompositeLogger)
        ]
        self.level = max((logger.level for logger in self._loggers), default=LogLevel.NONE)

    def add_logger(self, logger: ILogger) -> None:
        self._loggers.append(logger)
        self.level = max(self.level, logger.level)

    def _write(self, entry: LogEntry) -> None:
        for logger in self._loggers:
            if isinstance(logger, Logger):
                logger.write_entry(entry)
            else:
                logger.log(entry.level, entry.correlation_id, entry.error, "%s", entry.message)
