"""Logging: levels, the ILogger contract and the null, console and composite loggers."""

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes
from ._composite import LOGGER_LOCATOR, CompositeLogger
from ._console import ConsoleLogger, publish_entry, route_console_to_twisted
from ._entry import LogEntry, escape_line_breaks, format_time
from ._interfaces import ILogger
from ._level import LogLevel
from ._logger import Logger, NullLogger, format_message
from ._observer import PipsLogObserver
from ._repeats import RepeatedEntries

if TYPE_CHECKING:
    from ._cached import CachedLogger
    from ._tcp_shipping import DefaultLogShippingFactory, TcpJsonLogger

# Log shipping needs the network stack: imported only when asked for.
__getattr__ = lazy_attributes(__name__, {
    "CachedLogger": "._cached",
    "DefaultLogShippingFactory": "._tcp_shipping",
    "TcpJsonLogger": "._tcp_shipping",
})

__all__ = [
    "CachedLogger",
    "CompositeLogger",
    "ConsoleLogger",
    "DefaultLogShippingFactory",
    "ILogger",
    "LOGGER_LOCATOR",
    "LogEntry",
    "LogLevel",
    "Logger",
    "NullLogger",
    "PipsLogObserver",
    "RepeatedEntries",
    "TcpJsonLogger",
    "escape_line_breaks",
    "format_message",
    "format_time",
    "publish_entry",
    "route_console_to_twisted",
]
