# -*- test-case-name: tests.aws.test_lambda_function -*-
"""LambdaFunction: a container run inside AWS Lambda, its actions dispatched by the event's cmd."""

from __future__ import annotations

import json
import os
import threading
from typing import Any, Iterable, Optional

from twisted.internet.defer import Deferred, ensureDeferred, succeed
from twisted.internet.threads import blockingCallFromThread
from twisted.python.failure import Failure
from twisted.python.threadable import isInIOThread

from ..aws import ILambdaService, function_error
from ..build import IFactory
from ..config import ConfigParams
from ..container import Container
from ..errors import BadRequestException, InvalidStateException
from ..lifecycle import ReactorAware
from ..refer import Descriptor
from ..services import encode_json, sanitize_correlation_id

_SERVICES = (Descriptor("*", "service", "lambda", "*", "*"), Descriptor("*", "service", "commandable-lambda", "*", "*"))

#: Where the config is read when neither the constructor nor C{CONFIG_PATH} says.
DEFAULT_CONFIG_PATH = "./config/config.yml"


class LambdaFunction(ReactorAware):
    """
    Builds a container from a config file (C{config_path}, else the
    C{CONFIG_PATH} environment variable, else C{./config/config.yml};
    rendered with the environment as parameters) on its first invocation and
    keeps it open while Lambda reuses the process. Each event is a JSON
    object whose C{cmd} names an action of the container's lambda services
    (C{*:service:lambda:*:*} and C{*:service:commandable-lambda:*:*}); the
    rest of the event is the action's arguments, C{correlation_id} included.

    L{handler} is the synchronous entry point the runtime calls; it runs the
    reactor in a thread of its own when none runs. L{act} is the same as a
    Deferred, for code on the reactor thread. Errors leave the function as
    L{pipservices_tx.aws.LambdaFunctionError}, which a LambdaClient turns back
    into the same exception.
    """

    def __init__(self, config_path: Optional[str] = None, name: Optional[str] = None,
                 description: Optional[str] = None, factories: Iterable[IFactory] = ()) -> None:
        self.config_path = config_path
        self.name = name
        self.description = description
        self._factories = list(factories)
        self.container: Optional[Container] = None
        self._actions: dict[str, Any] = {}
        self._waiters: Optional[list[Deferred[None]]] = None
        self._lock = threading.Lock()

    # -- the runtime's entry point -------------------------------------------

    def handler(self, event: Any, context: Any = None) -> Any:
        """C{handler(event, context)} as the Lambda runtime calls it: the action's JSON result, or a raise."""
        if isInIOThread():
            raise InvalidStateException(None, "REACTOR_THREAD", "handler() blocks: on the reactor thread use act()")
        self._ensure_reactor_running()
        try:
            reactor: Any = self.reactor
            return blockingCallFromThread(reactor, self.act, event, context)
        except Exception as error:
            raise function_error(error) from error

    def _ensure_reactor_running(self) -> None:
        reactor: Any = self.reactor
        with self._lock:
            if reactor.running:
                return
            started = threading.Event()
            reactor.callWhenRunning(started.set)
            threading.Thread(target=reactor.run, kwargs={"installSignalHandlers": False}, daemon=True,
                             name="pipservices-reactor").start()
        if not started.wait(30):
            raise InvalidStateException(None, "NO_REACTOR", "The reactor did not start within 30 s")

    # -- on the reactor ---------------------------------------------------------

    def act(self, event: Any, context: Any = None) -> Deferred[Any]:
        """Opens the container on first use, then runs the event's action; the result as plain JSON data."""
        return ensureDeferred(self._act(event, context))

    async def _act(self, event: Any, context: Any) -> Any:
        await self.open()
        if not isinstance(event, dict):
            raise BadRequestException(None, "BAD_EVENT", f"The event must be a JSON object, not {type(event).__name__}")
        raw_id = event.get("correlation_id")
        correlation_id = sanitize_correlation_id(raw_id if isinstance(raw_id, str) else None)
        cmd = event.get("cmd")
        if not cmd:
            raise BadRequestException(correlation_id, "NO_COMMAND", "Cmd parameter is missing")
        action = self._actions.get(cmd) if isinstance(cmd, str) else None
        if action is None:
            raise BadRequestException(correlation_id, "NO_ACTION", f"Action {cmd} was not found") \
                .with_details("command", str(cmd))
        result = await action(event)
        return json.loads(encode_json(result)) if result is not None else None

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """Builds and opens the container once; concurrent first invocations wait for the same opening."""
        return ensureDeferred(self._ensure_open(correlation_id))

    async def _ensure_open(self, correlation_id: Optional[str]) -> None:
        if self.container is not None:
            return
        if self._waiters is not None:
            waiter: Deferred[None] = Deferred()
            self._waiters.append(waiter)
            await waiter
            return
        self._waiters = []
        try:
            await self._open(correlation_id)
        except Exception as e:
            waiters, self._waiters = self._waiters, None
            for waiter in waiters:
                waiter.errback(Failure(e))
            raise
        waiters, self._waiters = self._waiters, None
        for waiter in waiters:
            waiter.callback(None)

    async def _open(self, correlation_id: Optional[str]) -> None:
        container = Container(self.name, self.description, factories=self._factories, reactor=self.reactor)
        path = self.config_path or os.environ.get("CONFIG_PATH") or DEFAULT_CONFIG_PATH
        container.read_config_from_file(path, ConfigParams(dict(os.environ)))
        await container.open(correlation_id or self.name)
        actions: dict[str, Any] = {}
        for locator in _SERVICES:
            for service in container.references.get_optional(locator):
                if ILambdaService.providedBy(service) or hasattr(service, "get_actions"):
                    for action in service.get_actions():
                        actions[action.cmd] = action.action
        self._actions = actions
        self.container = container

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """Closes the container (tests; Lambda itself just freezes and ends the process)."""
        container, self.container = self.container, None
        self._actions = {}
        return container.close(correlation_id) if container is not None else succeed(None)
