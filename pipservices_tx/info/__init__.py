"""Context information about the running service."""

from ._context_info import CONTEXT_INFO_DESCRIPTOR, ContextInfo

__all__ = ["CONTEXT_INFO_DESCRIPTOR", "ContextInfo"]
