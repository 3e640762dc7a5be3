# -*- test-case-name: tests.addons.test_node_registry -*-
"""NodeRegistry: announces this instance in every discovery while it runs."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import urlsplit

from twisted.internet.defer import Deferred, ensureDeferred
from twisted.internet.task import LoopingCall, deferLater
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..discovery import DISCOVERY_LOCATOR, ConnectionParams, IDiscovery
from ..info import CONTEXT_INFO_DESCRIPTOR, ContextInfo
from ..lifecycle import IDrainable, IOpenable, ReactorAware
from ..logs import CompositeLogger, format_time
from ..refer import Descriptor, IReferenceable, IReferences

ENDPOINT_LOCATOR = Descriptor("pip-services", "endpoint", "http", None, "1.0")


@implementer(IOpenable, IDrainable, IConfigurable, IReferenceable)
class NodeRegistry(ReactorAware):
    """
    On open, registers this instance under C{key} (default the context-info
    name) in every IDiscovery in references (C{*:discovery:*:*:1.0}), as a
    connection with C{protocol}, C{host}, C{port}, C{uri}, C{name},
    C{instance_id}, C{start_time} (ISO 8601 UTC) and C{version}.

    The address is C{connection.*} of config, else that of the HTTP
    endpoint (C{pip-services:endpoint:http:*:1.0}, once open; a wildcard
    bind shows as 127.0.0.1, so set C{connection.host} to the address other
    nodes should use). C{version} is config C{version}, else the
    context-info property C{version}. C{options.instance_id} defaults to the
    context-info C{context_id}.

    Every C{options.heartbeat} ms (default 30000; 0: never) it checks that
    each discovery still lists this instance and registers it again where
    it does not (after an etcd outage that dropped the lease, say). A
    discovery that fails is logged and tried again at the next heartbeat;
    it never fails the open.

    A graceful stop (SIGTERM) drains it before the HTTP endpoint, when it
    comes after the endpoint in the config: the heartbeat stops, each
    discovery that has an C{unregister(correlation_id, key, connection)}
    method (EtcdDiscovery, MemoryDiscovery) removes the registration at
    once, and the instance keeps serving for C{options.grace} ms (default
    0) while the clients that balance over the fleet refresh their
    instances and move away; only then does the endpoint stop listening.
    The container is not ready (C{/health/ready} answers 503) from the
    start of the stop. Make C{grace} longer than the clients'
    C{options.refresh_interval}.

    On close (or a stop without drain) the registration is removed the same
    way. For a discovery without C{unregister}, put this component after
    the discovery in the config: EtcdDiscovery, closing after it, revokes
    its lease, which deletes the registrations.
    """

    def __init__(self) -> None:
        self._logger = CompositeLogger(component="NodeRegistry")
        self.key: Optional[str] = None
        self.version: Optional[str] = None
        self.instance_id: Optional[str] = None
        self.heartbeat_ms = 30000
        self.grace_ms = 0
        self._config_connection: Optional[ConnectionParams] = None
        self._info: Optional[ContextInfo] = None
        self._endpoint: Any = None
        self._discoveries: list[Any] = []
        self._heartbeat: Optional[LoopingCall] = None
        self._registration: Optional[ConnectionParams] = None
        self._opened = False

    def configure(self, config: ConfigParams) -> None:
        self.key = config.get_as_nullable_string("key") or self.key
        self.version = config.get_as_nullable_string("version") or self.version
        self.instance_id = config.get_as_nullable_string("options.instance_id") or self.instance_id
        self.heartbeat_ms = config.get_as_checked_timeout("options.heartbeat", self.heartbeat_ms)
        self.grace_ms = config.get_as_checked_timeout("options.grace", self.grace_ms)
        self._config_connection = ConnectionParams.from_config(config)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)
        info = references.get_one_optional(CONTEXT_INFO_DESCRIPTOR)
        self._info = info if isinstance(info, ContextInfo) else None
        self._endpoint = references.get_one_optional(ENDPOINT_LOCATOR)
        self._discoveries = [d for d in references.get_optional(DISCOVERY_LOCATOR) if IDiscovery.providedBy(d)]


    # -- what is registered ---------------------------------------------------

    def registration_key(self) -> str:
        return self.key or (self._info.name if self._info is not None else "unknown")

    def registration(self) -> ConnectionParams:
        """This instance as it is announced (built at open)."""
        connection = ConnectionParams(self._config_connection or {})
        if not connection.host and not connection.uri and self._endpoint is not None:
            port = getattr(self._endpoint, "port", None)
            if port is not None:
                url = urlsplit(self._endpoint.base_url)
                connection.protocol = connection.protocol or url.scheme
                connection.host = url.hostname
                connection.port = port
        if not connection.uri:
            uri = connection.get_as_uri("http")
            if uri:
                connection.uri = uri
        info = self._info
        connection["name"] = info.name if info is not None else self.registration_key()
        connection["instance_id"] = self.instance_id or (info.context_id if info is not None else "unknown")
        if info is not None:
            connection["start_time"] = format_time(info.start_time)
        version = self.version or (info.properties.get("version") if info is not None else None)
        if version:
            connection["version"] = version
        return connection

    # -- lifecycle ------------------------------------------------------------

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._opened:
            return
        self._registration = self.registration()
        self._opened = True
        if not self._discoveries:
            self._logger.warn(correlation_id, "NodeRegistry found no discovery to register in")
            return
        for discovery in self._discoveries:
            await self._register(correlation_id, discovery)
        self._logger.info(
            correlation_id, "Registered %s (%s) as %s in %d discovery service(s)",
            self._registration.get("instance_id"), self._registration.uri, self.registration_key(),
            len(self._discoveries),
        )
        if self.heartbeat_ms > 0:
            self._heartbeat = LoopingCall(self.heartbeat)
            self._heartbeat.clock = self.reactor
            self._heartbeat.start(self.heartbeat_ms / 1000.0, now=False)

    async def _register(self, correlation_id: Optional[str], discovery: Any) -> bool:
        assert self._registration is not None
        try:
            await discovery.register(correlation_id, self.registration_key(), self._registration)
            return True
        except Exception as e:
            self._logger.warn(correlation_id, "Cannot register in %r (will retry): %s", discovery, e)
            return False

    def heartbeat(self) -> Deferred[None]:
        """Registers again in each discovery that no longer lists this instance."""
        return ensureDeferred(self._heartbeat_once())

    async def _heartbeat_once(self) -> None:
        registration = self._registration
        if registration is None:
            return
        mine = registration.get("instance_id")
        for discovery in list(self._discoveries):
            try:
                listed = await discovery.resolve_all(None, self.registration_key())
            except Exception as e:
                self._logger.warn(None, "Cannot check the registration in %r: %s", discovery, e)
                continue
            if not any(c.get("instance_id") == mine for c in listed):
                self._logger.info(None, "Registration missing in %r; registering again", discovery)
                await self._register(None, discovery)

    def drain(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Leaves discovery, then keeps serving C{options.grace} ms while clients move away."""
        return ensureDeferred(self._drain(correlation_id))

    async def _drain(self, correlation_id: Optional[str]) -> None:
        if self._registration is None:
            return
        await self._leave(correlation_id)
        if self.grace_ms > 0:
            self._logger.info(correlation_id, "Left discovery; serving %g s more while clients move away",
                              self.grace_ms / 1000.0)
            await deferLater(self.reactor, self.grace_ms / 1000.0, lambda: None)

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        return ensureDeferred(self._close(correlation_id))

    async def _close(self, correlation_id: Optional[str]) -> None:
        self._opened = False
        await self._leave(correlation_id)

    async def _leave(self, correlation_id: Optional[str]) -> None:
        """Stops the heartbeat and removes the registration from each discovery that can remove it."""
        heartbeat, self._heartbeat = self._heartbeat, None
        if heartbeat is not None and heartbeat.running:
            heartbeat.stop()
        registration, self._registration = self._registration, None
        if registration is None:
            return
        for discovery in self._discoveries:
            unregister = getattr(discovery, "unregister", None)
            if not callable(unregister):
                continue
            try:
                await unregister(correlation_id, self.registration_key(), registration)
            except Exception as e:
                self._logger.warn(correlation_id, "Cannot unregister from %r: %s", discovery, e)
