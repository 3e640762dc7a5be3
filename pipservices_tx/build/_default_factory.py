# -*- test-case-name: tests.build.test_factory -*-
"""The factory of the foundation's standard components: context-info, loggers, config readers."""

from __future__ import annotations

from ..refer import Descriptor
from ._standard_components import StandardFactory


class DefaultFactory(StandardFactory):
    """
    Builds C{pip-services:context-info:default}, C{pip-services:logger:{null,
    console,composite}} and C{pip-services:config-reader:{memory,yaml,json}}.
    """

    descriptor = Descriptor("pip-services", "factory", "default", "default", "1.0")

    def __init__(self) -> None:
        super().__init__(
            "pipservices_tx.info", "pipservices_tx.logs._logger", "pipservices_tx.logs._console",
            "pipservices_tx.logs._composite", "pipservices_tx.config",
        )
