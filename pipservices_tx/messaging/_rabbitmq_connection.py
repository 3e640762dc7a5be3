# -*- test-case-name: tests.messaging.test_rabbitmq_queue -*-
"""RabbitMQConnection: a reconnecting AMQP 0-9-1 connection (pika on the Twisted reactor) and its two channels."""

from __future__ import annotations

from typing import Any, Optional

from twisted.internet.defer import Deferred
from twisted.internet.endpoints import HostnameEndpoint
from twisted.internet.protocol import Factory

from ..logs import CompositeLogger
from ._address import BrokerAddress
from ._amqp_acks import AckBatch
from ._amqp_frames import AmqpFrames
from ._reconnecting import Reconnecting, ReconnectSettings


class AmqpLink:
    """
    One live connection: C{publisher} in confirm mode, C{consumer} for
    deliveries, gets and acks; C{publishing} and C{acking} write those
    channels' hot frames directly (None where pika's internals differ);
    C{acks} gathers the consumer's acks of a reactor turn.
    """

    def __init__(self, protocol: Any, publisher: Any, consumer: Any, generation: int, clock: Any) -> None:
        self.protocol = protocol
        self.publisher = publisher
        self.consumer = consumer
        self.generation = generation
        self.publishing = AmqpFrames.for_channel(publisher)
        self.acking = AmqpFrames.for_channel(consumer)
        self.acks = AckBatch(clock, self._ack)

    def _ack(self, tag: int, multiple: bool) -> None:
        from pika.exceptions import AMQPError

        try:
            if self.acking is not None:
                self.acking.ack(tag, multiple)
            else:
                self.consumer.basic_ack(delivery_tag=tag, multiple=multiple)
        except AMQPError:
            pass  # the channel is closing: its deliveries come again, as after any lost ack


class RabbitMQConnection(Reconnecting):
    """
    pika's Twisted adapter on our reactor. Each connection opens a publishing
    channel with publisher confirms and a consuming channel; if the broker
    closes either (a failed declaration, an unknown delivery tag), the whole
    connection is dropped and made again, so the queue never runs on half a
    connection. C{options.heartbeat} (seconds, 30) lets it notice a broker
    that went silent.
    """

    def __init__(self, clock: Any, logger: CompositeLogger, address: BrokerAddress, vhost: str,
                 heartbeat: int, settings: Optional[ReconnectSettings] = None) -> None:
        super().__init__(clock, logger, f"RabbitMQ at {address.endpoint}", settings)
        self.address = address
        self.vhost = vhost
        self.heartbeat = heartbeat
        self.generation = 0

    def _connect(self) -> Deferred[AmqpLink]:
        import pika
        from pika.adapters.twisted_connection import TwistedProtocolConnection

        parameters = pika.ConnectionParameters(
            virtual_host=self.vhost,
            credentials=pika.PlainCredentials(self.address.username or "guest", self.address.password or "guest"),
            heartbeat=self.heartbeat,
            client_properties={"connection_name": "pipservices_tx"},
        )
        endpoint = HostnameEndpoint(self.clock, self.address.host, self.address.port,
                                    timeout=self.settings.connect_timeout_ms / 1000.0)
        protocol_class = _sliced_protocol(TwistedProtocolConnection)
        connecting: Deferred[Any] = endpoint.connect(
            Factory.forProtocol(lambda: protocol_class(parameters, custom_reactor=self.clock))
        )

        async def handshake(protocol: Any) -> AmqpLink:
            try:
                await protocol.ready
                publisher = await protocol.channel()
                await publisher.confirm_delivery()
                consumer = await protocol.channel()
            except BaseException:
                if protocol.transport is not None:
                    protocol.transport.abortConnection()
                raise
            self.generation += 1
            link = AmqpLink(protocol, publisher, consumer, self.generation, self.clock)

            def lost(reason: Any) -> None:
                link.acks.drop()
                self.connection_lost(link, reason)

            protocol.closed.addBoth(lost)
            for channel in (publisher, consumer):
                channel.on_closed.addBoth(lambda _reason: self._channel_closed(link))
            return link

        return connecting.addCallback(lambda protocol: Deferred.fromCoroutine(handshake(protocol)))

    def _channel_closed(self, link: AmqpLink) -> None:
        link.acks.drop()
        if link is self.connection and link.protocol.transport is not None:
            link.protocol.transport.loseConnection()

    def _disconnect(self, link: AmqpLink) -> Any:
        if link.protocol.is_open:
            link.acks.flush()  # what was completed is acked before the connection goes
        link.acks.drop()
        closed = link.protocol.closed
        if link.protocol.is_open:
            link.protocol.close()
        elif link.protocol.transport is not None:
            link.protocol.transport.loseConnection()
        return closed


#: The most bytes handed to pika at once (see L{_sliced_protocol}).
READ_SLICE = 4096

_sliced: dict[type, type] = {}


def _sliced_protocol(base: Any) -> type:
    """
    pika's protocol, given what the socket read in slices of L{READ_SLICE}:
    pika cuts each frame off the front of its buffer by copying the rest, so
    a 64 KiB read of small frames costs a copy of the buffer per frame.
    """
    sliced = _sliced.get(base)
    if sliced is None:
        def dataReceived(self: Any, data: bytes) -> None:  # noqa: N802 (Twisted's name)
            if len(data) <= READ_SLICE:
                base.dataReceived(self, data)
                return
            view = memoryview(data)
            for start in range(0, len(data), READ_SLICE):
                if self._impl.is_closed:
                    return
                base.dataReceived(self, bytes(view[start:start + READ_SLICE]))

        sliced = _sliced[base] = type(f"Sliced{base.__name__}", (base,), {"dataReceived": dataReceived})
    return sliced
