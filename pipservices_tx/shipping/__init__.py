"""Loggers that ship entries to a remote collector (Logstash, Fluentd, any JSON-lines TCP input)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._factory import DefaultLogShippingFactory
    from ._json_lines import encode_json_line, json_lines_event
    from ._tcp_json_logger import TcpJsonLogger

__all__ = ["DefaultLogShippingFactory", "TcpJsonLogger", "encode_json_line", "json_lines_event"]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "DefaultLogShippingFactory":
        from . import _factory

        module = _factory
    elif name in ("encode_json_line", "json_lines_event"):
        from . import _json_lines

        module = _json_lines
    elif name == "TcpJsonLogger":
        from . import _tcp_json_logger

        module = _tcp_json_logger
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
