"""The seneca HTTP transport: a shared endpoint, services acting on patterns, and a client (seneca 3)."""

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
