"""The seneca HTTP transport: a shared endpoint, services acting on patterns, and a client (seneca 3)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._client import SENECA_ERROR_CLASSES, SenecaClient
    from ._commandable_client import CommandableSenecaClient
    from ._commandable_service import CommandableSenecaService
    from ._endpoint import DEFAULT_SENECA_PORT, SENECA_ENDPOINT_DESCRIPTOR, SenecaEndpoint
    from ._factory import DefaultSenecaFactory
    from ._interfaces import ISenecaEndpoint
    from ._patterns import Pattern, PatternTable, field_text, parse_pattern, pattern_text
    from ._router import DEFAULT_PATH, SenecaHandler, SenecaRequest, SenecaRouter
    from ._service import SenecaAction, SenecaService
    from ._wire import SenecaAct, action_arguments, error_reply, read_act, result_body, send_reply

__all__ = [
    "CommandableSenecaClient",
    "CommandableSenecaService",
    "DEFAULT_PATH",
    "DEFAULT_SENECA_PORT",
    "DefaultSenecaFactory",
    "ISenecaEndpoint",
    "Pattern",
    "PatternTable",
    "SENECA_ENDPOINT_DESCRIPTOR",
    "SENECA_ERROR_CLASSES",
    "SenecaAct",
    "SenecaAction",
    "SenecaClient",
    "SenecaEndpoint",
    "SenecaHandler",
    "SenecaRequest",
    "SenecaRouter",
    "SenecaService",
    "action_arguments",
    "error_reply",
    "field_text",
    "parse_pattern",
    "pattern_text",
    "read_act",
    "result_body",
    "send_reply",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name in ("SENECA_ERROR_CLASSES", "SenecaClient"):
        from . import _client

        module = _client
    elif name == "CommandableSenecaClient":
        from . import _commandable_client

        module = _commandable_client
    elif name == "CommandableSenecaService":
        from . import _commandable_service

        module = _commandable_service
    elif name in ("DEFAULT_SENECA_PORT", "SENECA_ENDPOINT_DESCRIPTOR", "SenecaEndpoint"):
        from . import _endpoint

        module = _endpoint
    elif name == "DefaultSenecaFactory":
        from . import _factory

        module = _factory
    elif name == "ISenecaEndpoint":
        from . import _interfaces

        module = _interfaces
    elif name in ("Pattern", "PatternTable", "field_text", "parse_pattern", "pattern_text"):
        from . import _patterns

        module = _patterns
    elif name in ("DEFAULT_PATH", "SenecaHandler", "SenecaRequest", "SenecaRouter"):
        from . import _router

        module = _router
    elif name in ("SenecaAction", "SenecaService"):
        from . import _service

        module = _service
    elif name in ("SenecaAct", "action_arguments", "error_reply", "read_act", "result_body", "send_reply"):
        from . import _wire

        module = _wire
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
