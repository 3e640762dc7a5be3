"""The logger contract components write to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from zope.interface import Attribute, Interface

if TYPE_CHECKING:
    from ._level import LogLevel


class ILogger(Interface):
    """Writes leveled messages tagged with a correlation id."""

    level = Attribute("The most detailed LogLevel this logger writes.")

    def log(
        level: LogLevel,
        correlation_id: Optional[str],
        error: Optional[BaseException],
        message: str,
        *args: Any,
    ) -> None:
        """Writes C{message % args} at C{level}."""

    def fatal(correlation_id: Optional[str], error: Optional[BaseException], message: str, *args: Any) -> None:
        """Writes a fatal error."""

    def error(correlation_id: Optional[str], error: Optional[BaseException], message: str, *args: Any) -> None:
        """Writes an error."""

    def warn(correlation_id: Optional[str], message: str, *args: Any) -> None:
        """Writes a warning."""

    def info(correlation_id: Optional[str], message: str, *args: Any) -> None:
        """Writes an informational message."""

    def debug(correlation_id: Optional[str], message: str, *args: Any) -> None:
        """Writes a debugging message."""

    def trace(correlation_id: Optional[str], message: str, *args: Any) -> None:
        """Writes a tracing message."""
