# -*- test-case-name: tests.messaging.test_mqtt_queue -*-
"""MqttConnection: paho-mqtt driven by the Twisted reactor, reconnecting, with QoS 1 and manual acks."""

from __future__ import annotations

import socket
from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, fail
from twisted.internet.interfaces import IReactorFDSet, IReactorThreads, IReadWriteDescriptor
from twisted.internet.threads import deferToThreadPool
from zope.interface import implementer

from ..errors import ApplicationException, ConnectionException, InvocationException
from ..logs import CompositeLogger
from ._address import BrokerAddress
from ._mqtt_client import ReactorClient
from ._reconnecting import Reconnecting, ReconnectSettings

#: How often paho's keep-alive and retry bookkeeping runs (seconds).
MISC_INTERVAL = 1.0


@implementer(IReadWriteDescriptor)
class _PahoSocket:
    """The client's socket as the reactor sees it: readable -> loop_read, writable -> loop_write."""

    def __init__(self, connection: MqttConnection, sock: socket.socket) -> None:
        self.connection = connection
        self.sock = sock

    def fileno(self) -> int:
        return self.sock.fileno()

    def doRead(self) -> None:
        client = self.connection.client
        self.connection.run(client.loop_read, 100)
        while client.buffered() and client.socket() is not None:
            self.connection.run(client.loop_read, 100)

    def doWrite(self) -> None:
        self.connection.run(self.connection.client.loop_write)

    def connectionLost(self, reason: Any) -> None:
        pass

    def logPrefix(self) -> str:
        return "mqtt"


class MqttLink:
    """One live MQTT connection (CONNACK received)."""

    def __init__(self, generation: int) -> None:
        self.generation = generation


class MqttConnection(Reconnecting):
    """
    One paho C{Client} (MQTT 3.1.1, QoS 1, C{manual_ack}) whose socket the
    reactor watches: no paho thread. The TCP connection is made on the
    reactor's thread pool (a blocking connect and name lookup must not stall
    the reactor), then handed to paho for the MQTT handshake. L{publish}
    fires on PUBACK; L{subscribe} on SUBACK; incoming messages go to
    C{on_message} and are acknowledged only by L{ack}. paho's callbacks only
    note what happened; it is acted on once paho has returned (L{run}), since
    paho holds its locks while it calls back. With a persistent
    session (C{clean_session} false) the broker keeps unacknowledged
    messages and subscriptions while the client is away.
    """

    def __init__(self, clock: Any, logger: CompositeLogger, address: BrokerAddress, client_id: str,
                 clean_session: bool, keepalive: int, max_inflight: int,
                 on_message: Callable[[Any, int], None], settings: Optional[ReconnectSettings] = None) -> None:
        super().__init__(clock, logger, f"MQTT broker at {address.endpoint}", settings)
        import paho.mqtt.client as mqtt

        self.address = address
        self.keepalive = keepalive
        self.on_message = on_message
        self.generation = 0
        self.client = ReactorClient(
            mqtt.CallbackAPIVersion.VERSION2, client_id=client_id, clean_session=clean_session,
            protocol=mqtt.MQTTv311, manual_ack=True,
        )
        client = self.client
        client.max_inflight_messages_set(max_inflight)
        client.max_queued_messages_set(0)
        if address.username:
            client.username_pw_set(address.username, address.password)
        client.connect_async(address.host, address.port, keepalive)
        client.on_connect = self._later(self._on_connect)
        client.on_disconnect = self._later(self._on_disconnect)
        client.on_message = self._later(self._on_message)
        client.on_publish = self._later(self._on_publish)
        client.on_subscribe = self._later(self._on_subscribe)
        client.on_socket_open = self._on_socket_open
        client.on_socket_close = self._on_socket_close
        client.on_socket_register_write = self._on_register_write
        client.on_socket_unregister_write = self._on_unregister_write
        self._descriptor: Optional[_PahoSocket] = None
        self._connecting: Optional[Deferred[MqttLink]] = None
        self._published: dict[int, Deferred[None]] = {}
        self._subscribed: dict[int, Deferred[None]] = {}
        self._misc: Any = None
        self._events: list[tuple[Callable[..., None], tuple[Any, ...]]] = []

    def _later(self, handler: Callable[..., None]) -> Callable[..., None]:
        def note(*args: Any) -> None:
            self._events.append((handler, args))

        return note

    def run(self, method: Callable[..., Any], *args: Any) -> Any:
        """Calls into paho, then acts on what its callbacks noted."""
        try:
            return method(*args)
        finally:
            while self._events:
                handler, noted = self._events.pop(0)
                handler(*noted)

    @property
    def _fds(self) -> IReactorFDSet:
        return IReactorFDSet(self.clock)

    # -- the reactor driving paho ---------------------------------------------------

    def _on_socket_open(self, client: Any, userdata: Any, sock: Any) -> None:
        self._descriptor = _PahoSocket(self, sock)
        self._fds.addReader(self._descriptor)

    def _on_socket_close(self, client: Any, userdata: Any, sock: Any) -> None:
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is not None:
            self._fds.removeReader(descriptor)
            self._fds.removeWriter(descriptor)

    def _on_register_write(self, client: Any, userdata: Any, sock: Any) -> None:
        if self._descriptor is not None:
            self._fds.addWriter(self._descriptor)

    def _on_unregister_write(self, client: Any, userdata: Any, sock: Any) -> None:
        if self._descriptor is not None:
            self._fds.removeWriter(self._descriptor)

    def _tick(self) -> None:
        self._misc = None
        if self.client.socket() is not None:
            self.run(self.client.loop_misc)
        if not self._stopping:
            self._misc = self.clock.callLater(MISC_INTERVAL, self._tick)

    # -- connecting -------------------------------------------------------------------

    def _connect(self) -> Deferred[MqttLink]:
        timeout = self.settings.connect_timeout_ms / 1000.0
        address = (self.address.host, self.address.port)
        pool = IReactorThreads(self.clock).getThreadPool()
        opening = deferToThreadPool(self.clock, pool, socket.create_connection, address, timeout)  # type: ignore[arg-type]

        def opened(sock: socket.socket) -> Deferred[MqttLink]:
            self._connecting = Deferred()
            self.client.pending_socket = sock
            try:
                self.run(self.client.reconnect)
            except Exception as e:
                sock.close()
                self._connecting = None
                return fail(e)
            if self._misc is None:
                self._misc = self.clock.callLater(MISC_INTERVAL, self._tick)
            return self._connecting

        return opening.addCallback(opened)

    def _on_connect(self, client: Any, userdata: Any, flags: Any, reason_code: Any, properties: Any) -> None:
        connecting, self._connecting = self._connecting, None
        if connecting is None:
            return
        if reason_code.is_failure:
            self.run(client.disconnect)
            connecting.errback(ConnectionException(
                None, "MQTT_REFUSED", f"{self.what} refused the connection: {reason_code}"))
            return
        self.generation += 1
        connecting.callback(MqttLink(self.generation))

    def _on_disconnect(self, client: Any, userdata: Any, flags: Any, reason_code: Any, properties: Any) -> None:
        error = ConnectionException(None, "BROKER_UNAVAILABLE", f"Lost the connection to {self.what}")
        connecting, self._connecting = self._connecting, None
        if connecting is not None:
            connecting.errback(error)
        for pending in (self._published, self._subscribed):
            waiting = list(pending.values())
            pending.clear()
            for d in waiting:
                if not d.called:
                    d.errback(error)
        if self.connection is not None:
            self.connection_lost(self.connection, str(reason_code))

    def _disconnect(self, link: MqttLink) -> None:
        if self._misc is not None and self._misc.active():
            self._misc.cancel()
        self._misc = None
        self.run(self.client.disconnect)
        if self.client.want_write():
            self.run(self.client.loop_write)
        self.run(self.client._sock_close)  # paho closes only once the broker hangs up; do it now

    # -- messages ---------------------------------------------------------------------

    def _on_message(self, client: Any, userdata: Any, message: Any) -> None:
        self.on_message(message, self.generation)

    def _on_publish(self, client: Any, userdata: Any, mid: int, reason_code: Any, properties: Any) -> None:
        d = self._published.pop(mid, None)
        if d is not None and not d.called:
            d.callback(None)

    def _on_subscribe(self, client: Any, userdata: Any, mid: int, reason_codes: Any, properties: Any) -> None:
        d = self._subscribed.pop(mid, None)
        if d is None or d.called:
            return
        if any(code.is_failure for code in reason_codes):
            d.errback(InvocationException(None, "SUBSCRIBE_REFUSED", f"{self.what} refused the subscription"))
        else:
            d.callback(None)

    def publish(self, correlation_id: Optional[str], topic: str, payload: bytes) -> Deferred[None]:
        """Publishes at QoS 1; fires on the broker's PUBACK."""
        try:
            self.require(correlation_id)
            info = self.run(self.client.publish, topic, payload, 1)
        except ApplicationException as e:
            return fail(e)
        except ValueError as e:
            return fail(InvocationException(correlation_id, "BAD_TOPIC", f"Cannot publish to {topic!r}: {e}"))
        if info.rc != 0:
            return fail(ConnectionException(correlation_id, "BROKER_UNAVAILABLE", f"{self.what}: rc {info.rc}"))
        d: Deferred[None] = Deferred()
        self._published[info.mid] = d
        return d

    def subscribe(self, correlation_id: Optional[str], topic: str, resubscribing: bool = False) -> Deferred[None]:
        """Subscribes at QoS 1; fires on SUBACK. C{resubscribing}: from an C{on_up} callback, before it is up."""
        try:
            if not resubscribing:
                self.require(correlation_id)
            rc, mid = self.run(self.client.subscribe, topic, 1)
        except ApplicationException as e:
            return fail(e)
        except ValueError as e:
            return fail(InvocationException(correlation_id, "BAD_TOPIC", f"Cannot subscribe to {topic!r}: {e}"))
        if rc != 0:
            return fail(ConnectionException(correlation_id, "BROKER_UNAVAILABLE", f"{self.what}: rc {rc}"))
        d: Deferred[None] = Deferred()
        self._subscribed[mid] = d
        return d

    def ack(self, mid: int, generation: int) -> None:
        """Acknowledges a message of this connection (one of an earlier connection comes again)."""
        if generation == self.generation and self.is_up:
            self.run(self.client.ack, mid, 1)
