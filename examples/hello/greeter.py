"""A component that logs as it opens and closes: the smallest thing a container runs."""

from __future__ import annotations

from typing import Optional

from zope.interface import implementer

from pipservices_tx.config import ConfigParams, IConfigurable
from pipservices_tx.lifecycle import IOpenable
from pipservices_tx.logs import CompositeLogger
from pipservices_tx.refer import IReferenceable, IReferences


@implementer(IConfigurable, IReferenceable, IOpenable)
class Greeter:
    """Says C{greeting} to the log when the container opens it, goodbye when it closes."""

    def __init__(self) -> None:
        self.name = "greeter"
        self.greeting = "Hello"
        self._logger = CompositeLogger()
        self._opened = False

    def configure(self, config: ConfigParams) -> None:
        self.name = config.get_as_string_with_default("name", self.name)
        self.greeting = config.get_as_string_with_default("greeting", self.greeting)
        self._logger.component = self.name

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> None:
        self._opened = True
        self._logger.info(correlation_id, "%s from %s: opened", self.greeting, self.name)

    def close(self, correlation_id: Optional[str]) -> None:
        self._opened = False
        self._logger.info(correlation_id, "Goodbye from %s: closed", self.name)
