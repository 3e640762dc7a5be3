# -*- test-case-name: tests.discovery.test_etcd_discovery -*-
"""EtcdClient: the few etcd v3 calls we need, over its JSON gateway, with treq."""

from __future__ import annotations

import base64
import json
from typing import Any, Optional

from twisted.internet.defer import CancelledError, Deferred, TimeoutError, succeed
from twisted.internet.error import ConnectError, DNSLookupError

from ..config import mask_credentials
from ..errors import ApplicationException, ConnectionException, InvocationException
from ..lifecycle import ReactorAware


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _unb64(text: Optional[str]) -> str:
    return base64.b64decode(text or "").decode("utf-8")


def prefix_range_end(prefix: str) -> bytes:
    """The first key after every key starting with C{prefix} (etcd's C{range_end})."""
    data = bytearray(prefix.encode("utf-8"))
    while data:
        if data[-1] < 0xFF:
            data[-1] += 1
            return bytes(data)
        data.pop()
    return b"\0"


class EtcdClient(ReactorAware):
    """
    C{put}, C{get_range}, C{grant}, C{keepalive}, C{revoke} against
    C{base_url} (e.g. C{http://127.0.0.1:2379}). Every call is cancelled
    after C{timeout} seconds; an unreachable or silent etcd is a
    ConnectionException, an error answer an InvocationException.
    C{http_client} is anything with treq's C{post(url, json=...)}, e.g.
    C{treq.testing.StubTreq}; by default one is made with a connection
    pool that L{close} empties. Its reactor (L{set_reactor}) times the calls.
    """

    def __init__(
        self,
        base_url: str = "http://127.0.0.1:2379",
        timeout: float = 5.0,
        http_client: Any = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._http = http_client
        self._pool: Any = None

    def _client(self) -> Any:
        if self._http is None:
            from treq.client import HTTPClient
            from twisted.web.client import Agent, HTTPConnectionPool

            self._pool = HTTPConnectionPool(self.reactor, persistent=True)
            self._http = HTTPClient(Agent(self.reactor, pool=self._pool))
        return self._http

    def close(self) -> Deferred[None]:
        """Closes the pooled connections (when this client made the pool)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return succeed(None)
        self._http = None
        return pool.closeCachedConnections()

    def call(self, correlation_id: Optional[str], path: str, body: dict[str, Any]) -> Deferred[dict[str, Any]]:
        """POSTs C{body} to C{/v3/<path>}; fires with the decoded answer."""
        url = f"{self.base_url}/v3/{path}"
        d: Deferred[Any] = self._client().post(url, json=body)
        d.addCallback(self._read, correlation_id, url)
        d.addTimeout(self.timeout, self.reactor, onTimeoutCancel=self._timed_out)
        d.addErrback(self._error, correlation_id, url)
        return d

    @staticmethod
    def _timed_out(result: Any, timeout: float) -> Any:
        """Whatever the cancelled request failed with, a timeout is a timeout."""
        raise TimeoutError(f"no answer within {timeout:g} s")

    @staticmethod
    def _read(response: Any, correlation_id: Optional[str], url: str) -> Deferred[dict[str, Any]]:
        def decode(content: bytes) -> dict[str, Any]:
            text = content.decode("utf-8", "replace").strip()
            try:
                value, _ = json.JSONDecoder().raw_decode(text) if text else ({}, 0)
            except ValueError:
                value = {"message": text[:200]}
            if not isinstance(value, dict):
                value = {}
            if response.code != 200:
                message = value.get("message") or value.get("error") or f"HTTP {response.code}"
                raise InvocationException(
                    correlation_id, "ETCD_ERROR", f"etcd at {mask_credentials(url)} answered {response.code}: {message}"
                ).with_details("status", response.code).with_details("grpc_code", value.get("code"))
            return value

        return response.content().addCallback(decode)  # type: ignore[no-any-return]

    def _error(self, failure: Any, correlation_id: Optional[str], url: str) -> Any:
        error = failure.value
        where = mask_credentials(url)
        if isinstance(error, ApplicationException):
            return failure
        if isinstance(error, (TimeoutError, CancelledError)):
            raise ConnectionException(
                correlation_id, "TIMEOUT", f"etcd at {where} did not answer within {self.timeout:g} s"
            ).with_details("url", where).with_cause(error)
        from twisted.web.client import ResponseFailed  # here: a service without etcd never imports the web client

        if isinstance(error, (ConnectError, DNSLookupError, ResponseFailed, ConnectionError)):
            raise ConnectionException(
                correlation_id, "CANNOT_CONNECT", f"Cannot reach etcd at {where}: {error}"
            ).with_details("url", where).with_cause(error)
        raise ConnectionException(
            correlation_id, "ETCD_FAILED", f"Call to etcd at {where} failed: {error}"
        ).with_details("url", where).with_cause(error)

    # -- the calls ------------------------------------------------------------

    def put(
        self, correlation_id: Optional[str], key: str, value: str, lease: Optional[str] = None
    ) -> Deferred[None]:
        body: dict[str, Any] = {"key": _b64(key), "value": _b64(value)}
        if lease is not None:
            body["lease"] = lease
        return self.call(correlation_id, "kv/put", body).addCallback(lambda _: None)

    def get_range(
        self, correlation_id: Optional[str], key: str, prefix: bool = False
    ) -> Deferred[list[tuple[str, str]]]:
        """C{(key, value)} pairs: C{key} itself, or every key starting with it."""
        body = {"key": _b64(key)}
        if prefix:
            body["range_end"] = base64.b64encode(prefix_range_end(key)).decode("ascii")

        def pairs(answer: dict[str, Any]) -> list[tuple[str, str]]:
            return [(_unb64(kv.get("key")), _unb64(kv.get("value"))) for kv in answer.get("kvs") or []]

        return self.call(correlation_id, "kv/range", body).addCallback(pairs)

    def delete(self, correlation_id: Optional[str], key: str) -> Deferred[None]:
        return self.call(correlation_id, "kv/deleterange", {"key": _b64(key)}).addCallback(lambda _: None)

    def grant(self, correlation_id: Optional[str], ttl: int) -> Deferred[str]:
        """A new lease of C{ttl} seconds; fires with its id (a decimal string)."""
        return self.call(correlation_id, "lease/grant", {"TTL": ttl}).addCallback(lambda a: str(a["ID"]))

    def keepalive(self, correlation_id: Optional[str], lease: str) -> Deferred[int]:
        """Refreshes a lease; fires with its new TTL, 0 when it has expired."""

        def ttl(answer: dict[str, Any]) -> int:
            result = answer.get("result", answer)
            return int(result.get("TTL") or 0) if isinstance(result, dict) else 0

        return self.call(correlation_id, "lease/keepalive", {"ID": lease}).addCallback(ttl)

    def revoke(self, correlation_id: Optional[str], lease: str) -> Deferred[None]:
        """Ends a lease and deletes its keys; an unknown lease is not an error."""

        def ignore_not_found(failure: Any) -> None:
            error = failure.value
            if isinstance(error, InvocationException) and (error.details or {}).get("status") == 404:
                return None
            return failure  # type: ignore[no-any-return]

        return self.call(correlation_id, "lease/revoke", {"ID": lease}).addCallbacks(
            lambda _: None, ignore_not_found
        )
