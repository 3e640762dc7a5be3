# -*- test-case-name: tests.container.test_twistd -*-
"""The C{twistd pipsvc} command: options and the service maker."""

from __future__ import annotations

import atexit
import os
import re
import signal
import sys
import traceback
from typing import Any, Optional

import yaml
from twisted.application.service import IService, MultiService, Service
from twisted.internet.defer import gatherResults
from twisted.logger import ILogObserver, Logger
from twisted.python import usage
from twisted.python.logfile import LogFile

from ..config import ConfigParams, IConfigReader, container_parameters, parameters_from_pairs
from ..config._readers import read_config_file
from ..config._template import render_template
from ..errors import ApplicationException
from ..logs import PipsLogObserver, route_console_to_twisted
from ._container import Container
from ._manhole import manhole_service
from ._reload import ReloadingSupervisor
from ._service import ContainerService, one_line
from ._workers import WorkerPool, bind_listeners, per_worker_components, worker_argv, workers_from_config

_log = Logger(namespace="pipservices_tx.pipsvc")


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
        ["config", "c", None, "The container config: a YAML file (JSON by .json extension), an http(s):// URL, "
         "etcd://host:port/key or settings://host:port/section (the settings service)."],
        ["log-format", None, "text", "How twistd writes log events: 'text' or 'json' (one object a line)."],
        ["phase-timeout", None, 30.0, "Seconds a component may take to open or close.", float],
        ["workers", "w", None, "Worker processes sharing the HTTP port (default: options.workers of the "
         "endpoint, else 1); one per core is the rule.", int],
        ["manhole", None, None, "Serve a Python prompt (telnet) on a unix: endpoint for live debugging; "
         "off by default."],
    ]
    optFlags = [
        ["check", None, "Build, configure and reference every component, open nothing, and exit."],
        ["show-config", None, "Print the rendered config file and exit."],
        ["debug", None, "Show tracebacks for configuration errors."],
        ["reload", None, "Development: restart the service when the config or a source file changes."],
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
    return SystemExit(f"pipsvc: error: {one_line(message)}")


def _log_observer(options: Options) -> PipsLogObserver:
    parent = getattr(options, "parent", None) or {}
    logfile = parent.get("logfile") if hasattr(parent, "get") else None
    nodaemon = bool(parent.get("nodaemon")) if hasattr(parent, "get") else True
    if logfile == "-" or (not logfile and nodaemon):
        return PipsLogObserver(sys.stdout, options["log-format"])
    path = os.path.abspath(logfile or "twistd.log")
    return PipsLogObserver(LogFile.fromFullPath(path), options["log-format"])  # type: ignore[arg-type]


class _TwistdRoot:
    """
    What the one service twistd runs adds to a container, worker pool or
    reload supervisor: it hands twistd our log observer (unless C{--logger}
    chose another) and owns SIGTERM/SIGINT once the reactor runs. The first
    signal starts a graceful stop; a second one while stopping is only logged
    (Twisted's own handler would stop the reactor twice).
    """

    observer: Optional[PipsLogObserver] = None
    exit_code = 0
    _stopping = False
    reactor: Any  # from the service it is mixed into

    def setServiceParent(self, parent: Any) -> None:
        super().setServiceParent(parent)  # type: ignore[misc]
        _give_observer(self.observer, parent)

    def startService(self) -> None:
        self.reactor.callWhenRunning(self._install_signal_handlers)
        super().startService()  # type: ignore[misc]

    def _note(self, message: str, *args: Any) -> None:
        _log.info(message % args if args else message)

    def _install_signal_handlers(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum: int, frame: Any) -> None:
        self.reactor.callFromThread(self._stop_once, signal.Signals(signum).name)

    def _stop_once(self, name: str) -> None:
        reactor = self.reactor
        if self._stopping or not reactor.running:
            self._note("Received %s again: already stopping", name)
            return
        self._stopping = True
        self._note("Received %s: stopping gracefully", name)
        reactor.stop()


class _RootService(_TwistdRoot, ContainerService):
    """The container as twistd runs it, with optional services beside it (the manhole)."""

    def __init__(self, container: Container) -> None:
        super().__init__(container)
        self.extras = MultiService()

    def add_extra(self, service: IService) -> None:
        """A service that runs beside the container (the manhole), started after it, stopped with it."""
        service.setServiceParent(self.extras)

    def startService(self) -> None:
        super().startService()
        self.extras.startService()

    def stopService(self) -> Any:
        """Stops the extras and the container together; fires when every one of them has stopped."""
        extras = self.extras.stopService()
        return gatherResults([extras, super().stopService()], consumeErrors=True).addCallback(lambda _: None)

    def _note(self, message: str, *args: Any) -> None:
        self.container.logger.info(None, message, *args)


class _WorkersRootService(_TwistdRoot, WorkerPool):
    """The parent of C{--workers N}: binds the ports, runs and supervises the workers."""


def _give_observer(observer: Optional[PipsLogObserver], parent: Any) -> None:
    if observer is not None and hasattr(parent, "getComponent"):
        if parent.getComponent(ILogObserver, None) is None:
            parent.setComponent(ILogObserver, observer)


def _exit_with(service: Any) -> None:
    if service.exit_code:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(service.exit_code)


def is_remote_location(location: str) -> bool:
    """C{http://}, C{https://}, C{etcd://}...: a config that is read once the reactor runs."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", location)) and not location.startswith("file://")


def _show(text: str, running: bool = False) -> None:
    from ..config import mask_credentials

    # Once twistd runs it redirects sys.stdout into the log; this is for the terminal.
    stream = (sys.__stdout__ or sys.stdout) if running else sys.stdout
    stream.write(mask_credentials(text))
    stream.flush()


class _RemoteConfigService(_RootService):
    """Reads a config from a URL or etcd when twistd starts, then does what was asked."""

    def __init__(self, container: Container, reader: IConfigReader, location: str, options: Options) -> None:
        super().__init__(container)
        self._config_reader = reader
        self._location = location
        self._options = options

    def startService(self) -> None:
        Service.startService(self)
        d = self._config_reader.read_config(None, self._options.parameters)
        d.addCallback(self._configured)
        d.addErrback(self._failed_to_open)

    def _configured(self, config: ConfigParams) -> Any:
        self.container.configure(config, self._location)
        if self._options["show-config"]:
            _show(yaml.safe_dump(config.get_as_object() or [], sort_keys=False, allow_unicode=True), running=True)
            return self._stop()
        self.container.build()
        if self._options["check"]:
            _show(f"pipsvc: {self._location}: {len(self.container.entries)} components built, "
                  "configured and referenced\n", running=True)
            return self._stop()
        self.opened = self.container.open(None)
        return self.opened

    def _stop(self) -> None:
        reactor = self.reactor
        reactor.callWhenRunning(reactor.stop)


def make_service(options: Options) -> IService:
    """
    Reads and builds everything up front for a config file, so a broken config
    fails before twistd starts; a config at a URL (C{http(s)://}, C{etcd://})
    is read when the reactor runs.
    """
    location = options["config"]
    if os.getcwd() not in sys.path:
        # As with "python -m", modules of the working directory can be named by type.
        sys.path.insert(0, os.getcwd())
    parameters = options.parameters
    container = Container(phase_timeout=options["phase-timeout"])
    if is_remote_location(location):
        from ..boot import reader_for_location

        route_console_to_twisted(True)
        service: _RootService = _RemoteConfigService(container, reader_for_location(location), location, options)
    else:
        if options["show-config"]:
            try:
                with open(location, encoding="utf-8") as f:
                    _show(render_template(f.read(), parameters, location))
            except (OSError, UnicodeDecodeError) as e:
                raise _fail(f"{location}: cannot read the config file: {e}", options, e) from e
            except ApplicationException as e:
                raise _fail(e.message, options, e) from e
            raise SystemExit(0)
        try:
            container.configure(read_config_file(location, parameters), location)
            container.build()
        except ApplicationException as e:
            raise _fail(e.message, options, e) from e
        if options["check"]:
            sys.stdout.write(
                f"pipsvc: {location}: {len(container.entries)} components built, configured and referenced\n")
            raise SystemExit(0)
        route_console_to_twisted(True)
        if options["reload"]:
            return _reloading_service(options, location)
        workers = options["workers"] or workers_from_config(container.entries)
        if workers > 1 and not os.environ.get("PIPSVC_WORKER"):
            return _workers_service(options, container, workers, location)
        service = _RootService(container)
        if options["manhole"]:
            _add_manhole(service, options)
    service.observer = _log_observer(options)
    atexit.register(_exit_with, service)
    return service


class _ReloadRootService(_TwistdRoot, ReloadingSupervisor):
    """The parent of C{--reload}: watches files and restarts its one child."""


def _reloading_service(options: Options, location: str) -> IService:
    argv = worker_argv(location, options["params"], options["log-format"], options["phase-timeout"],
                       options["debug"])
    if options["workers"]:
        argv += ["--workers", str(options["workers"])]
    if options["manhole"]:
        argv += ["--manhole", options["manhole"]]
    supervisor = _ReloadRootService(argv, location, [os.getcwd()])
    supervisor.observer = _log_observer(options)
    atexit.register(_exit_with, supervisor)
    return supervisor


def _add_manhole(service: _RootService, options: Options) -> None:
    """The manhole runs beside the container; its namespace is the container and its references."""
    container = service.container
    namespace = {"container": container, "references": container.references, "service": service}
    try:
        manhole = manhole_service(options["manhole"], namespace)
    except ApplicationException as e:
        raise _fail(e.message, options, e) from e
    service.add_extra(manhole)


def _workers_service(options: Options, container: Container, workers: int, location: str) -> IService:
    try:
        listeners = bind_listeners(container.entries, workers)
    except ApplicationException as e:
        raise _fail(e.message, options, e) from e
    argv = worker_argv(location, options["params"], options["log-format"], options["phase-timeout"],
                       options["debug"])
    pool = _WorkersRootService(workers, argv, listeners, per_worker=per_worker_components(container.entries))
    pool.observer = _log_observer(options)
    atexit.register(_exit_with, pool)
    return pool
