# -*- test-case-name: tests.discovery.test_etcd_discovery -*-
"""EtcdDiscovery: registrations in etcd kept alive by a lease, visible to every container."""

from __future__ import annotations

import json
import uuid
from typing import Any, Optional

from twisted.internet.defer import Deferred, DeferredLock, ensureDeferred, succeed
from twisted.internet.task import LoopingCall
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ApplicationException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._connection_params import ConnectionParams
from ._etcd_client import EtcdClient
from ._interfaces import IDiscovery


def etcd_base_url(config: ConfigParams, default: str = "http://127.0.0.1:2379") -> str:
    """C{connection.uri}, or C{connection.protocol/host/port} (http, 2379 by default)."""
    connection = ConnectionParams.from_config(config)
    if connection is None:
        return default
    return connection.get_as_uri("http", 2379) or default


@implementer(IDiscovery, IConfigurable, IReferenceable, IOpenable)
class EtcdDiscovery(ReactorAware):
    """
    Each registration is the key C{<prefix><key>/<instance id>} holding the
    connection as a JSON object, attached to one lease of this instance.
    The lease is refreshed every third of C{options.lease_ttl} seconds
    (default 10) and revoked on C{close}, so registrations vanish with the
    container, or at most C{lease_ttl} seconds after it died. Config:
    C{connection.uri} (or host/port; default C{http://127.0.0.1:2379}),
    C{options.prefix} (default C{/pip-services/discovery/}),
    C{options.timeout} (milliseconds per call, default 5000),
    C{options.instance_id} (default: a random id, chosen once per component,
    so two replicas of one config never share keys).
    """

    def __init__(self, http_client: Any = None) -> None:
        self._http_client = http_client
        self.base_url = "http://127.0.0.1:2379"
        self.prefix = "/pip-services/discovery/"
        self.lease_ttl = 10
        self.timeout = 5.0
        self.instance_id: Optional[str] = None
        self._client: Optional[EtcdClient] = None
        self._lease: Optional[str] = None
        self._lease_lock = DeferredLock()
        self._registrations: dict[str, str] = {}
        self._keepalive: Optional[LoopingCall] = None
        self._opened = False
        self._logger = CompositeLogger(component="EtcdDiscovery")

    def configure(self, config: ConfigParams) -> None:
        self.base_url = etcd_base_url(config, self.base_url)
        prefix = config.get_as_string_with_default("options.prefix", self.prefix)
        self.prefix = prefix if prefix.endswith("/") else prefix + "/"
        self.lease_ttl = config.get_as_checked_integer("options.lease_ttl", self.lease_ttl, minimum=1)
        self.timeout = config.get_as_checked_timeout("options.timeout", int(self.timeout * 1000)) / 1000.0
        self.instance_id = config.get_as_nullable_string("options.instance_id") or self.instance_id

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    def _etcd(self) -> EtcdClient:
        if self._client is None:
            self._client = EtcdClient(self.base_url, self.timeout, self._http_client)
            self._client.set_reactor(self.reactor)
        return self._client

    # -- lifecycle ------------------------------------------------------------

    def is_open(self) -> bool:
        return self._opened

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Nothing to connect yet: the lease is taken by the first C{register}."""
        self._opened = True
        return succeed(None)

    async def _close(self, correlation_id: Optional[str]) -> None:
        if self._keepalive is not None and self._keepalive.running:
            self._keepalive.stop()
        self._keepalive = None
        lease, self._lease = self._lease, None
        self._registrations.clear()
        client, self._client = self._client, None
        if client is None:
            return
        try:
            if lease is not None:
                await client.revoke(correlation_id, lease)
        except ApplicationException as e:
            self._logger.warn(
                correlation_id, "Cannot revoke the etcd lease; registrations expire in %d s: %s", self.lease_ttl, e
            )
        finally:
            await client.close()

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Stops the keepalive and revokes the lease, which deletes every registration."""
        self._opened = False
        return ensureDeferred(self._close(correlation_id))

    # -- the lease ------------------------------------------------------------

    async def _grant(self, correlation_id: Optional[str]) -> str:
        await self._lease_lock.acquire()
        try:
            if self._lease is None:
                self._lease = await self._etcd().grant(correlation_id, self.lease_ttl)
                if self._keepalive is None:
                    self._keepalive = LoopingCall(self._refresh)
                    self._keepalive.clock = self.reactor
                    self._keepalive.start(max(self.lease_ttl / 3.0, 0.1), now=False)
            return self._lease
        finally:
            self._lease_lock.release()

    def _refresh(self) -> Deferred[None]:
        return ensureDeferred(self._refresh_once())

    async def _refresh_once(self) -> None:
        """One keepalive; a lease that expired meanwhile is taken again and every key re-put."""
        lease = self._lease
        if lease is None:
            return
        try:
            ttl = await self._etcd().keepalive(None, lease)
            if ttl > 0 or self._lease != lease:
                return
            self._logger.warn(None, "The etcd lease expired; registering %d key(s) again", len(self._registrations))
            self._lease = None
            new_lease = await self._grant(None)
            for key, value in list(self._registrations.items()):
                await self._etcd().put(None, key, value, new_lease)
        except ApplicationException as e:
            self._logger.warn(None, "Cannot refresh the etcd lease: %s", e)
        except Exception as e:  # noqa: BLE001 - the loop must keep running
            self._logger.error(None, e, "Unexpected failure while refreshing the etcd lease")

    # -- IDiscovery -----------------------------------------------------------

    def _key_for(self, key: str, value: str) -> str:
        if self.instance_id is None:
            self.instance_id = uuid.uuid4().hex
        base = f"{self.prefix}{key}/{self.instance_id}"
        mine = [k for k in self._registrations if k == base or k.startswith(base + "-")]
        for existing in mine:
            if self._registrations[existing] == value:
                return existing
        return base if not mine else f"{base}-{len(mine) + 1}"

    async def _register(self, correlation_id: Optional[str], key: str, connection: ConnectionParams) -> ConnectionParams:
        registered = ConnectionParams(connection)
        value = json.dumps(dict(registered), sort_keys=True)
        lease = await self._grant(correlation_id)
        etcd_key = self._key_for(key, value)
        await self._etcd().put(correlation_id, etcd_key, value, lease)
        self._registrations[etcd_key] = value
        return registered

    def register(
        self, correlation_id: Optional[str], key: str, connection: ConnectionParams
    ) -> Deferred[ConnectionParams]:
        return ensureDeferred(self._register(correlation_id, key, connection))

    async def _unregister(self, correlation_id: Optional[str], key: str, connection: ConnectionParams) -> None:
        value = json.dumps(dict(ConnectionParams(connection)), sort_keys=True)
        base = f"{self.prefix}{key}/{self.instance_id}"
        for etcd_key, registered in list(self._registrations.items()):
            if registered == value and (etcd_key == base or etcd_key.startswith(base + "-")):
                del self._registrations[etcd_key]  # the lease refresh must not put it back
                await self._etcd().delete(correlation_id, etcd_key)

    def unregister(self, correlation_id: Optional[str], key: str, connection: ConnectionParams) -> Deferred[None]:
        """
        Deletes this instance's registration of C{connection} under C{key} at
        once (a rolling restart takes an instance out before it stops serving);
        the lease and the other registrations stay.
        """
        return ensureDeferred(self._unregister(correlation_id, key, connection))

    async def _resolve_all(self, correlation_id: Optional[str], key: str) -> list[ConnectionParams]:
        pairs = await self._etcd().get_range(correlation_id, f"{self.prefix}{key}/", prefix=True)
        result = []
        for etcd_key, value in pairs:
            try:
                data = json.loads(value)
            except ValueError:
                data = None
            if isinstance(data, dict):
                result.append(ConnectionParams(ConfigParams.from_value(data)))
            elif isinstance(value, str) and "=" in value:
                result.append(ConnectionParams.from_string(value))
            else:
                self._logger.warn(correlation_id, "Ignoring the etcd key %s: not a connection", etcd_key)
        return result

    def resolve_all(self, correlation_id: Optional[str], key: str) -> Deferred[list[ConnectionParams]]:
        return ensureDeferred(self._resolve_all(correlation_id, key))

    def resolve_one(self, correlation_id: Optional[str], key: str) -> Deferred[Optional[ConnectionParams]]:
        return self.resolve_all(correlation_id, key).addCallback(lambda found: found[0] if found else None)
