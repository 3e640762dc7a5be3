# -*- test-case-name: tests.container.test_twistd -*-
"""
The object twistd finds in C{twisted/plugins/pipsvc.py}. twistd imports every
installed plugin module whenever it runs (to list its commands), so this one
stays cheap: the container and its options are imported when C{pipsvc} runs.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from twisted.application.service import IService, IServiceMaker
from twisted.plugin import IPlugin
from zope.interface import implementer

if TYPE_CHECKING:
    from ._twistd import Options


@implementer(IServiceMaker, IPlugin)
class PipsvcServiceMaker:
    """What C{twisted/plugins/pipsvc.py} exposes to twistd."""

    tapname = "pipsvc"
    description = "Run a Pip.Services container from a YAML config file."

    @property
    def options(self) -> type[Options]:
        from ._twistd import Options

        return Options

    def makeService(self, options: Options) -> IService:
        # What twistd and the imports built so far lives as long as the process: out of the collector's
        # reach, a full collection while the container builds and opens walks only what that allocates.
        gc.freeze()
        from ._twistd import make_service

        return make_service(options)
