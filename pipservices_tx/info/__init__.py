"""Context information about the running service."""

from ._context_info import CONTAINER_INFO_LOCATOR, CONTEXT_INFO_DESCRIPTOR, ContextInfo
from ._factory import DefaultInfoFactory

__all__ = ["CONTAINER_INFO_LOCATOR", "CONTEXT_INFO_DESCRIPTOR", "ContextInfo", "DefaultInfoFactory"]
