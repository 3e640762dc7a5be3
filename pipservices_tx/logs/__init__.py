"""Logging: levels, the ILogger contract and the null, console and composite loggers."""

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes
from ._composite import LOGGER_LOCATOR, CompositeLogger
from ._console import ConsoleLogger, publish_entry, route_console_to_twisted
from ._entry import LogEntry, format_time
from ._interfaces import ILogger
from ._json_lines import encode_json_line, json_lines_event
from ._level import LogLevel
from ._logger import Logger, NullLogger, format_message
from ._observer import PipsLogObserver

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
    "TcpJsonLogger",
    "encode_json_line",
    "format_message",
    "format_time",
    "json_lines_event",
    "publish_entry",
    "route_console_to_twisted",
]
