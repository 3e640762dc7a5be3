# -*- test-case-name: tests.cache.test_memcached_cache -*-
"""MemcachedCache: JSON values spread over memcached servers by consistent hashing."""

from __future__ import annotations

import math
import time
from typing import Any, Awaitable, Callable, Optional, cast

from twisted.internet.defer import Deferred, DeferredList, TimeoutError, ensureDeferred, fail, gatherResults
from twisted.internet.error import ConnectError, ConnectionClosed, DNSLookupError
from twisted.protocols.memcache import ClientError, MemCacheProtocol, NoSuchCommand, ServerError
from twisted.python.failure import Failure
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ConnectionException, InvalidStateException, InvocationException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences
from ._hash_ring import HashRing
from ._interfaces import ICache
from ._json_codec import decode_value, encode_value
from ._memcached_keys import memcached_key
from ._memcached_node import MemcachedNode
from ._memcached_settings import MemcachedSettings
from ._timeouts import DEFAULT_ENTRY_TIMEOUT_MS, entry_timeout_ms

# memcached reads an expiry above 30 days as an absolute Unix time
_MAX_RELATIVE_EXPIRY = 30 * 24 * 3600

# a connection that failed, closed or got no answer within options.timeout_ms (the
# protocol's own timer, which fails every pending command and drops the connection)
_SERVER_GONE = (ConnectError, ConnectionClosed, DNSLookupError, TimeoutError, RuntimeError)
_REFUSED = (ClientError, ServerError, NoSuchCommand)


@implementer(ICache, IConfigurable, IReferenceable, IOpenable)
class MemcachedCache(ReactorAware):
    """
    A key lives on the first server of the hash ring that is not sitting out a
    back-off; when that server fails the call moves to the next one. With every
    server gone a call fails at once with a ConnectionException
    (C{MEMCACHED_UNAVAILABLE}). Configured as L{MemcachedSettings} describes,
    plus C{options.timeout} (default entry ttl, ms, 60000; memcached keeps
    whole seconds, rounded up).
    """

    def __init__(self) -> None:
        self._logger = CompositeLogger(component="MemcachedCache")
        self.settings = MemcachedSettings()
        self.timeout = DEFAULT_ENTRY_TIMEOUT_MS
        self._nodes: dict[str, MemcachedNode] = {}
        self._only: Optional[MemcachedNode] = None  # the node, when there is one: no hashing
        self._opening: dict[str, MemcachedNode] = {}
        self._ring = HashRing()

    def configure(self, config: ConfigParams) -> None:
        self.settings = MemcachedSettings.from_config(config)
        self.timeout = config.get_as_checked_timeout("options.timeout", self.timeout)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    def is_open(self) -> bool:
        return bool(self._nodes)

    def open(self, correlation_id: Optional[str]) -> Deferred[None]:
        return ensureDeferred(self._open(correlation_id))

    async def _open(self, correlation_id: Optional[str]) -> None:
        if self._nodes:
            return
        if self._opening:
            raise InvalidStateException(correlation_id, "ALREADY_OPENING", "Memcached cache is being opened")
        s = self.settings
        nodes = {
            f"{host}:{port}": MemcachedNode(
                host,
                port,
                self.reactor,
                s.connect_timeout_ms / 1000.0,
                s.timeout_ms / 1000.0,
                s.retry_delay_ms / 1000.0,
                s.max_retry_delay_ms / 1000.0,
            )
            for host, port in s.servers
        }
        self._opening = nodes
        results = await DeferredList([node.protocol() for node in nodes.values()], consumeErrors=True)
        if self._opening is not nodes:
            await gatherResults([node.close() for node in nodes.values()])
            raise ConnectionException(correlation_id, "MEMCACHED_CLOSED", "Memcached cache was closed while opening")
        self._opening = {}
        reachable = 0
        for node, (ok, result) in zip(nodes.values(), results, strict=True):
            if ok:
                reachable += 1
            else:
                node.mark_dead()
                self._logger.warn(correlation_id, "Memcached at %s is unreachable: %s", node.name, cast(Any, result).value)
        if not reachable:
            await gatherResults([node.close() for node in nodes.values()])
            raise ConnectionException(
                correlation_id, "MEMCACHED_UNAVAILABLE", f"No memcached server is reachable ({', '.join(nodes)})"
            ).with_details("servers", list(nodes))
        self._nodes = nodes
        self._only = next(iter(nodes.values())) if len(nodes) == 1 else None
        self._ring = HashRing(nodes)
        self._logger.debug(correlation_id, "Connected to memcached at %s", ", ".join(nodes))

    def close(self, correlation_id: Optional[str]) -> Deferred[None]:
        nodes = {**self._nodes, **self._opening}
        self._nodes, self._opening, self._only = {}, {}, None
        self._ring = HashRing()
        d = gatherResults([node.close() for node in nodes.values()], consumeErrors=True)
        return d.addCallback(lambda _: None)

    def node_for(self, key: str) -> Optional[str]:
        """The server that holds C{key} now (after failover), or None when all are out."""
        now = self.reactor.seconds()
        for name in self._ring.iter_nodes(memcached_key(key)):
            if self._nodes[name].available(now):
                return name
        return None

    def retrieve(self, correlation_id: Optional[str], key: str) -> Deferred[Any]:
        return self._call(correlation_id, key, _get, _value_of)

    def store(self, correlation_id: Optional[str], key: str, value: Any, timeout: Optional[int] = None) -> Deferred[Any]:
        try:
            data = encode_value(correlation_id, key, value).encode("utf-8")
        except Exception as e:
            return fail(e)
        seconds = math.ceil(entry_timeout_ms(timeout, self.timeout) / 1000.0)
        expiry = seconds if seconds <= _MAX_RELATIVE_EXPIRY else int(time.time()) + seconds
        return self._call(correlation_id, key, lambda proto, k: proto.set(k, data, 0, expiry), lambda _: value)

    def remove(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        return self._call(correlation_id, key, _delete, _nothing)

    def _call(
        self,
        correlation_id: Optional[str],
        key: str,
        command: Callable[[MemCacheProtocol, bytes], Deferred[Any]],
        answer: Callable[[Any], Any] = lambda reply: reply,
    ) -> Deferred[Any]:
        """C{answer} of what C{command} got from the key's server, failing over when it is gone."""
        if not self._nodes:
            return fail(InvalidStateException(correlation_id, "NOT_OPENED", "Memcached cache is not open"))
        mkey = memcached_key(key)
        node = self._only or self._nodes[self._ring.node_for(mkey)]
        proto = node.connected
        if proto is None or node.failures:
            return ensureDeferred(self._run(correlation_id, mkey, command)).addCallback(answer)
        # the common case, a healthy owner with a live connection: no coroutine, one callback
        return command(proto, mkey).addCallbacks(
            answer, self._failed, errbackArgs=(correlation_id, node, mkey, command, answer)
        )

    def _failed(
        self, failure: Failure, correlation_id: Optional[str], node: MemcachedNode, key: bytes,
        command: Callable[[MemCacheProtocol, bytes], Deferred[Any]], answer: Callable[[Any], Any],
    ) -> Any:
        if failure.check(*_SERVER_GONE):
            self._server_failed(correlation_id, node, cast(BaseException, failure.value))
            return ensureDeferred(self._run(correlation_id, key, command)).addCallback(answer)
        if failure.check(*_REFUSED):
            raise self._refused(correlation_id, node, cast(BaseException, failure.value))
        return failure

    async def _run(
        self,
        correlation_id: Optional[str],
        key: bytes,
        command: Callable[[MemCacheProtocol, bytes], Awaitable[Any]],
    ) -> Any:
        now = self.reactor.seconds()
        for name in self._ring.iter_nodes(key):
            node = self._nodes.get(name)
            if node is None or not node.available(now):
                continue
            try:
                proto = await node.protocol()
                result = await command(proto, key)
            except _SERVER_GONE as e:
                self._server_failed(correlation_id, node, e)
                continue
            except _REFUSED as e:
                raise self._refused(correlation_id, node, e) from e
            if node.failures:
                node.mark_alive()
            return result
        raise ConnectionException(
            correlation_id, "MEMCACHED_UNAVAILABLE", f"No memcached server is available ({', '.join(self._nodes)})"
        ).with_details("servers", list(self._nodes))

    def _server_failed(self, correlation_id: Optional[str], node: MemcachedNode, error: BaseException) -> None:
        node.mark_dead()
        self._logger.warn(
            correlation_id, "Memcached at %s failed (%s); skipping it for now", node.name, str(error) or type(error).__name__
        )

    def _refused(self, correlation_id: Optional[str], node: MemcachedNode, error: BaseException) -> InvocationException:
        return InvocationException(
            correlation_id, "MEMCACHED_ERROR", f"Memcached at {node.name} refused the call: {error}"
        ).with_cause(error)  # type: ignore[return-value]


def _get(proto: MemCacheProtocol, key: bytes) -> Deferred[Any]:
    return proto.get(key)


def _delete(proto: MemCacheProtocol, key: bytes) -> Deferred[Any]:
    return proto.delete(key)


def _value_of(reply: tuple[int, Optional[bytes]]) -> Any:
    return decode_value(reply[1])


def _nothing(_: Any) -> None:
    return None
