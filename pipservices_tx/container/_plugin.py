# -*- test-case-name: tests.container.test_twistd -*-
"""
The object twistd finds in C{twisted/plugins/pipsvc.py}. twistd imports every
installed plugin module whenever it runs (to list its commands), so this one
stays cheap: the container and its options are imported when C{pipsvc} runs.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any, cast

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
        """
        Builds the service with the collector paused: what twistd and the imports
        built so far, and what the container builds and opens, lives as long as
        the process, and collecting while it grows only walks it again and again.
        The collector resumes when the reactor runs (the container has opened
        by then, unless a component opens asynchronously).
        """
        from ._twistd import make_service

        gc.freeze()
        if not gc.isenabled():
            return make_service(options)
        gc.disable()
        try:
            service = make_service(options)
        except BaseException:
            gc.enable()
            raise
        cast(Any, service).reactor.callWhenRunning(gc.enable)
        return service
