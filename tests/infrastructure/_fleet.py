"""The infrastructure example and the beacons example as containers on loopback ports, for the tests."""

from __future__ import annotations

import inspect
import os
from typing import Any, Callable

from twisted.internet import reactor
from twisted.internet.task import deferLater

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.services import ENDPOINT_DESCRIPTOR

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
INFRASTRUCTURE_CONFIG = os.path.abspath(os.path.join(EXAMPLES, "infrastructure", "config.yml"))
BEACONS_CONFIG = os.path.abspath(os.path.join(EXAMPLES, "beacons", "config.yml"))


async def start(config: str, **parameters: Any) -> Container:
    """A container of C{config} on 127.0.0.1, opened; C{HTTP_PORT} defaults to a free port."""
    values = {"HTTP_PORT": "0", "HTTP_HOST": "127.0.0.1", "LOG_LEVEL": "fatal"}
    values.update({key: str(value) for key, value in parameters.items()})
    container = Container()
    container.read_config_from_file(config, ConfigParams(values))
    await container.open(None)
    return container


def base_url(container: Container) -> str:
    return str(container.references.get_one_required(ENDPOINT_DESCRIPTOR).base_url)


def port_of(container: Container) -> int:
    return int(container.references.get_one_required(ENDPOINT_DESCRIPTOR).port)


async def until(condition: Callable[[], Any], what: str, seconds: float = 10.0) -> Any:
    """Polls C{condition} (a function, maybe async) every 20 ms until its result is truthy."""
    for _ in range(int(seconds / 0.02)):
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        await deferLater(reactor, 0.02, lambda: None)
    raise AssertionError(f"gave up waiting until {what}")
