# -*- test-case-name: tests.cache.test_redis_cache -*-
"""The lifecycle a Redis cache and a Redis lock share: configure, references, open, close."""

from __future__ import annotations

from typing import Optional

from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IReactorTime
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._redis_client import RedisClient


@implementer(IConfigurable, IReferenceable, IOpenable)
class RedisComponent(ReactorAware):
    """Holds a L{RedisClient}; subclasses add the commands."""

    def __init__(self) -> None:
        self._logger = CompositeLogger(component=type(self).__name__)
        self._client = RedisClient(self._logger)

    def set_reactor(self, reactor: IReactorTime) -> None:
        super().set_reactor(reactor)
        self._client.set_reactor(reactor)

    def configure(self, config: ConfigParams) -> None:
        self._client.configure(config)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    def is_open(self) -> bool:
        return self._client.is_open()

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        return self._client.open(correlation_id)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        return self._client.close(correlation_id)
