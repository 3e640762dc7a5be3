# -*- test-case-name: tests.messaging.test_nats_queue -*-
"""NatsConnection: one reconnecting NATS connection with its subscriptions, inbox and requests."""

from __future__ import annotations

import itertools
import uuid
from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, TimeoutError, fail
from twisted.internet.endpoints import HostnameEndpoint
from twisted.internet.protocol import Factory
from twisted.python.failure import Failure

from ..errors import ApplicationException, ConnectionException
from ..logs import CompositeLogger
from ._address import BrokerAddress
from ._nats_protocol import NatsMessage, NatsProtocol
from ._reconnecting import Reconnecting, ReconnectSettings

Handler = Callable[[NatsMessage], None]
_INBOX_SID = 1


class NatsConnection(Reconnecting):
    """
    Subscriptions (L{subscribe}) survive reconnection: each new connection
    subscribes again before it counts as up. Replies come to one wildcard
    inbox subscription, C{_INBOX.<id>.*}, routed by subject
    (L{request}); a pull request gets a subscription of its own
    (L{subscribe_inbox}). Requests in flight fail with a ConnectionException when the
    connection goes.
    """

    def __init__(self, clock: Any, logger: CompositeLogger, address: BrokerAddress,
                 settings: Optional[ReconnectSettings] = None, client_name: Optional[str] = None) -> None:
        super().__init__(clock, logger, f"NATS at {address.endpoint}", settings)
        self.address = address
        self.client_name = client_name
        self.inbox_prefix = f"_INBOX.{uuid.uuid4().hex}"
        self._sids = itertools.count(_INBOX_SID + 1)
        self._subscriptions: dict[int, tuple[str, Optional[str], Handler]] = {}
        self._inboxes: dict[str, Handler] = {}
        self._tokens = itertools.count(1)
        self._requests: dict[str, Deferred[NatsMessage]] = {}
        self.on_up.append(self._subscribe_all)

    @property
    def info(self) -> dict[str, Any]:
        return dict(self.connection.info) if self.connection is not None else {}

    def _connect(self) -> Deferred[NatsProtocol]:
        options: dict[str, Any] = {
            "verbose": False, "pedantic": False, "lang": "python-twisted", "version": "pipservices_tx",
            "protocol": 1, "headers": True, "no_responders": True, "echo": True,
        }
        if self.client_name:
            options["name"] = self.client_name
        if self.address.username:
            options["user"] = self.address.username
            options["pass"] = self.address.password or ""
        endpoint = HostnameEndpoint(self.clock, self.address.host, self.address.port,
                                    timeout=self.settings.connect_timeout_ms / 1000.0)

        def build() -> NatsProtocol:
            protocol = NatsProtocol(options, self._dispatch)
            protocol.lost.addCallback(lambda _: self.connection_lost(protocol, protocol.error or "closed"))
            return protocol

        def connected(protocol: Any) -> Deferred[NatsProtocol]:
            return protocol.ready  # type: ignore[no-any-return]

        connecting: Deferred[Any] = endpoint.connect(Factory.forProtocol(build))
        return connecting.addCallback(connected)

    def _disconnect(self, protocol: NatsProtocol) -> Deferred[None]:
        if protocol.transport is not None:
            protocol.transport.loseConnection()
        return protocol.lost

    def connection_lost(self, connection: Any, reason: Any = None) -> None:
        if connection is self.connection:
            error = ConnectionException(None, "NATS_DISCONNECTED", f"Lost the connection to {self.what}")
            requests, self._requests = self._requests, {}
            for d in requests.values():
                if not d.called:
                    d.errback(error)
        super().connection_lost(connection, reason)

    def _subscribe_all(self, protocol: NatsProtocol) -> Deferred[None]:
        protocol.subscribe(_INBOX_SID, f"{self.inbox_prefix}.*")
        for sid, (subject, group, _) in self._subscriptions.items():
            protocol.subscribe(sid, subject, group)
        return protocol.flush()

    def _dispatch(self, message: NatsMessage) -> None:
        if message.sid == _INBOX_SID:
            handler = self._inboxes.get(message.subject)
        else:
            entry = self._subscriptions.get(message.sid)
            handler = entry[2] if entry is not None else None
        if handler is not None:
            handler(message)
        elif message.reply and message.reply.startswith("$JS.ACK.") and self.is_up:
            # a JetStream delivery for a pull request of a lost connection: give it back now
            # rather than leave it locked until its ack wait runs out
            self.connection.publish(message.reply, b"-NAK")

    # -- subscriptions ---------------------------------------------------------------

    def subscribe(self, subject: str, queue_group: Optional[str], handler: Handler) -> Deferred[int]:
        """Subscribes now (and again after each reconnection); fires with the sid once the server has it."""
        sid = next(self._sids)
        self._subscriptions[sid] = (subject, queue_group, handler)
        if not self.is_up:
            return fail(self._down())
        protocol: NatsProtocol = self.connection
        protocol.subscribe(sid, subject, queue_group)
        return protocol.flush().addCallback(lambda _: sid)

    def subscribe_inbox(self, correlation_id: Optional[str], handler: Handler) -> tuple[str, int]:
        """
        A fresh reply subject with a subscription of its own, written at once
        (the server takes it before anything published after it): what a pull
        request is answered on, since its messages keep their own subjects.
        """
        protocol: NatsProtocol = self.require(correlation_id)
        subject = f"{self.inbox_prefix}.{next(self._tokens)}"
        sid = next(self._sids)
        self._subscriptions[sid] = (subject, None, handler)
        protocol.subscribe(sid, subject)
        return subject, sid

    def unsubscribe(self, sid: int) -> None:
        if self._subscriptions.pop(sid, None) is not None and self.is_up:
            self.connection.unsubscribe(sid)


    # -- sending ---------------------------------------------------------------------

    def _down(self, correlation_id: Optional[str] = None) -> ApplicationException:
        try:
            self.require(correlation_id)
        except ApplicationException as e:
            return e
        return ConnectionException(correlation_id, "BROKER_UNAVAILABLE", f"{self.what} is unavailable")

    def publish(self, correlation_id: Optional[str], subject: str, data: bytes, reply: Optional[str] = None,
                headers: Optional[dict[str, str]] = None) -> None:
        protocol: NatsProtocol = self.require(correlation_id)
        protocol.publish(subject, data, reply, headers)

    def flush(self, correlation_id: Optional[str]) -> Deferred[None]:
        """Fires once the server has processed everything published before."""
        try:
            protocol: NatsProtocol = self.require(correlation_id)
        except ApplicationException as e:
            return fail(e)
        return protocol.flush()

    def request(self, correlation_id: Optional[str], subject: str, data: bytes, timeout_ms: int,
                headers: Optional[dict[str, str]] = None) -> Deferred[NatsMessage]:
        """Publishes with a reply subject and fires with the first reply (a ConnectionException on timeout)."""
        reply = f"{self.inbox_prefix}.{next(self._tokens)}"
        d: Deferred[NatsMessage] = Deferred()

        def answered(message: NatsMessage) -> None:
            self._inboxes.pop(reply, None)
            self._requests.pop(reply, None)
            if not d.called:
                d.callback(message)

        try:
            self.publish(correlation_id, subject, data, reply, headers)
        except ApplicationException as e:
            return fail(e)
        self._inboxes[reply] = answered
        self._requests[reply] = d
        d.addTimeout(timeout_ms / 1000.0, self.clock)

        def failed(failure: Failure) -> Failure:
            self._inboxes.pop(reply, None)
            self._requests.pop(reply, None)
            if failure.check(TimeoutError):
                return Failure(ConnectionException(
                    correlation_id, "NATS_TIMEOUT", f"{self.what} did not answer on {subject} within {timeout_ms} ms"
                ))
            return failure

        return d.addErrback(failed)
