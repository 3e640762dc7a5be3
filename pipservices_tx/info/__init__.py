"""Context information about the running service."""

from ._context_info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from ._factory import DefaultInfoFactory

__all__ = ["CONTEXT_INFO_DESCRIPTOR", "ContextInfo", "DefaultInfoFactory"]
