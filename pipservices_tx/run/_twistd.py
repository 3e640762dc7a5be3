# -*- test-case-name: tests.run.test_twistd -*-
"""The C{twistd pipsvc} command: options and the service maker."""

from __future__ import annotations

import atexit
import os
import sys
import traceback
from typing import Any, Optional

from twisted.application.service import IService, IServiceMaker
from twisted.logger import ILogObserver
from twisted.plugin import IPlugin
from twisted.python import usage
from twisted.python.logfile import LogFile
from zope.interface import implementer

from ..config import ConfigParams, container_parameters, parameters_from_pairs
from ..config._readers import read_config_file
from ..config._template import render_template
from ..errors import ApplicationException
from ..logs import PipsLogObserver, route_console_to_twisted
from ._container import Container
from ._service import ContainerService


class Options(usage.Options):
    """twistd pipsvc -c config.yml [-p KEY=VALUE ...] [--check | --show-config]"""

    synopsis = "[options] -c config.yml"
    longdesc = (
        "Runs a Pip.Services container: every component of the config file is created "
        "by a factory or imported by type, configured and referenced in file order, opened "
        "in order and closed in reverse on SIGTERM/SIGINT. The file is a Mustache-style "
        "template rendered with -p parameters and the environment (which wins)."
    )
    optParameters = [
        ["config", "c", None, "The container config file (YAML, or JSON by .json extension)."],
        ["log-format", None, "text", "How twistd writes log events: 'text' or 'json' (one object a line)."],
        ["phase-timeout", None, 30.0, "Seconds a component may take to open or close.", float],
    ]
    optFlags = [
        ["check", None, "Build, configure and reference every component, open nothing, and exit."],
        ["show-config", None, "Print the rendered config file and exit."],
        ["debug", None, "Show tracebacks for configuration errors."],
    ]

    def __init__(self) -> None:
        super().__init__()
        self["params"] = []

    def opt_param(self, value: str) -> None:
        """A template parameter KEY=VALUE (repeatable; 'k1=v1;k2=v2' too)."""
        if "=" not in value:
            raise usage.UsageError(f"parameter '{value}' is not KEY=VALUE")
        self["params"].append(value)

    opt_p = opt_param

    def postOptions(self) -> None:
        if not self["config"]:
            raise usage.UsageError("a config file is required: -c config.yml")
        if self["log-format"] not in ("text", "json"):
            raise usage.UsageError("--log-format is 'text' or 'json'")

    @property
    def parameters(self) -> ConfigParams:
        return container_parameters(parameters_from_pairs(self["params"]))


def _fail(message: str, options: Options, error: Optional[BaseException] = None) -> SystemExit:
    if options["debug"] and error is not None:
        traceback.print_exception(type(error), error, error.__traceback__)
    return SystemExit(f"pipsvc: error: {message}")


def _log_observer(options: Options) -> PipsLogObserver:
    parent = getattr(options, "parent", None) or {}
    logfile = parent.get("logfile") if hasattr(parent, "get") else None
    nodaemon = bool(parent.get("nodaemon")) if hasattr(parent, "get") else True
    if logfile == "-" or (not logfile and nodaemon):
        return PipsLogObserver(sys.stdout, options["log-format"])
    path = os.path.abspath(logfile or "twistd.log")
    return PipsLogObserver(LogFile.fromFullPath(path), options["log-format"])  # type: ignore[arg-type]


class _RootService(ContainerService):
    """Also hands twistd our log observer unless C{--logger} chose another."""

    observer: Optional[PipsLogObserver] = None

    def setServiceParent(self, parent: Any) -> None:
        super().setServiceParent(parent)
        if self.observer is not None and hasattr(parent, "getComponent"):
            if parent.getComponent(ILogObserver, None) is None:
                parent.setComponent(ILogObserver, self.observer)


def _exit_with(service: ContainerService) -> None:
    if service.exit_code:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(service.exit_code)


def make_service(options: Options) -> IService:
    """Reads and builds everything up front, so a broken config fails before twistd starts."""
    path = options["config"]
    if os.getcwd() not in sys.path:
        # As with "python -m", modules of the working directory can be named by type.
        sys.path.insert(0, os.getcwd())
    parameters = options.parameters
    if options["show-config"]:
        try:
            with open(path, encoding="utf-8") as f:
                sys.stdout.write(render_template(f.read(), parameters, path))
        except (OSError, UnicodeDecodeError) as e:
            raise _fail(f"{path}: cannot read the config file: {e}", options, e) from e
        except ApplicationException as e:
            raise _fail(e.message, options, e) from e
        raise SystemExit(0)
    container = Container(phase_timeout=options["phase-timeout"])
    try:
        container.configure(read_config_file(path, parameters), path)
        container.build()
    except ApplicationException as e:
        raise _fail(e.message, options, e) from e
    if options["check"]:
        sys.stdout.write(f"pipsvc: {path}: {len(container.entries)} components built, configured and referenced\n")
        raise SystemExit(0)
    route_console_to_twisted(True)
    service = _RootService(container)
    service.observer = _log_observer(options)
    atexit.register(_exit_with, service)
    return service


@implementer(IServiceMaker, IPlugin)
class PipsvcServiceMaker:
    """What C{twisted/plugins/pipsvc.py} exposes to twistd."""

    tapname = "pipsvc"
    description = "Run a Pip.Services container from a YAML config file."
    options = Options

    def makeService(self, options: Options) -> IService:
        return make_service(options)
