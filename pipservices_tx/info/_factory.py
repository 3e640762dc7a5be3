# -*- test-case-name: tests.info.test_factory -*-
"""DefaultInfoFactory: the context-info descriptor of a container config."""

from __future__ import annotations

from ..build import Factory
from ..refer import Descriptor
from ._context_info import ContextInfo


class DefaultInfoFactory(Factory):
    """
    Builds C{pip-services:context-info:default:*:1.0}: the service's name,
    description and properties; also under C{pip-services:container-info},
    what pip-services3 configs still call it.
    """

    descriptor = Descriptor("pip-services", "factory", "info", "default", "1.0")

    def __init__(self) -> None:
        super().__init__()
        self.register_as_type(Descriptor("pip-services", "context-info", "default", "*", "1.0"), ContextInfo)
        self.register_as_type(Descriptor("pip-services", "container-info", "default", "*", "1.0"), ContextInfo)
