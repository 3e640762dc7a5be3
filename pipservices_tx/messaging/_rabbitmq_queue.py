# -*- test-case-name: tests.messaging.test_rabbitmq_queue -*-
"""RabbitMQMessageQueue: a durable RabbitMQ queue with publisher confirms and manual acks."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred, succeed

from ..config import ConfigParams
from ..errors import ConfigException, ConnectionException, InvocationException
from ._address import BrokerAddress
from ._amqp_frames import consume_directly, publish_by_pika
from ._capabilities import MessagingCapabilities
from ._envelope import MessageEnvelope, envelope_from_wire
from ._inbox import Inbox
from ._message_queue import MessageQueue
from ._rabbitmq_connection import AmqpLink, RabbitMQConnection
from ._reconnecting import ReconnectSettings


class RabbitMQMessageQueue(MessageQueue):
    """
    A queue on RabbitMQ (AMQP 0-9-1), named by the path of C{connection.uri}
    (C{amqp://[user:password@]host:5672/<queue>}) or by C{name}, with
    C{connection.host}/C{port} and C{credential.username}/C{password}
    (guest/guest by default) and C{options.vhost} (C{/}).

    Messages are the envelopes' JSON, sent persistent (C{options.persistent},
    true) with their id, correlation id, type and time also as AMQP
    properties; C{send} fires when the broker confirms the message. The queue
    is declared durable on open (C{options.durable}, true;
    C{options.auto_delete}, false; C{options.auto_create}, true). With
    C{options.exchange}, messages are published to that exchange
    (C{options.exchange_type}, C{fanout}) with C{options.routing_key}, and the
    queue is bound to it: every bound queue gets every event.

    Receivers consume with manual acknowledgements, up to
    C{options.prefetch} (100) messages ahead; a message not completed comes
    back when the connection goes. Abandon requeues it; dead letters are
    published to the queue C{options.dead_letter} (C{<queue>.dead_letter}).
    Peek and peek_batch see what has not been delivered to a consumer.
    Reconnection is configured as L{ReconnectSettings};
    C{options.heartbeat} is in seconds (30).
    """

    capabilities = MessagingCapabilities(
        can_message_count=True, can_peek=True, can_peek_batch=True, can_abandon=True,
        can_dead_letter=True, can_clear=True,
    )

    def __init__(self, name: Optional[str] = None) -> None:
        super().__init__(name)
        self._settings = ReconnectSettings()
        self._connection: Optional[RabbitMQConnection] = None
        self._inbox: Optional[Inbox[MessageEnvelope]] = None
        self._queue = ""
        self._consuming = False
        self._dead_letter_declared = False
        self._exchange = ""
        self._routing_key = ""
        self._persistent = True

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self._settings = ReconnectSettings(config)

    def _option(self, key: str, default: str) -> str:
        value = self.config.get_as_nullable_string(f"options.{key}")
        return default if value is None else value

    def _flag(self, key: str, default: bool) -> bool:
        return self.config.get_as_boolean_with_default(f"options.{key}", default)

    @property
    def queue_name(self) -> str:
        return self._queue

    @property
    def exchange(self) -> str:
        return self._option("exchange", "")

    @property
    def routing_key(self) -> str:
        return self._option("routing_key", "" if self.exchange else self._queue)

    @property
    def dead_letter_queue(self) -> str:
        return self._option("dead_letter", f"{self._queue}.dead_letter")

    @property
    def connection(self) -> Optional[RabbitMQConnection]:
        return self._connection

    async def _open(self, correlation_id: Optional[str], connection: Any, credential: Any) -> None:
        address = BrokerAddress.resolve(connection, credential, ("amqp", "amqps"), 5672)
        if address.scheme == "amqps":
            raise ConfigException(correlation_id, "UNSUPPORTED_SCHEME", "amqps:// is not supported yet; use amqp://")
        self._queue = self._name or address.destination or ""
        if not self._queue:
            raise ConfigException(correlation_id, "NO_QUEUE", "A RabbitMQ queue needs a name: a name or a URI path")
        self._name = self._queue
        self._exchange, self._routing_key = self.exchange, self.routing_key
        self._persistent = self._flag("persistent", True)
        vhost = self._option("vhost", address.options.get("vhost", "/"))
        heartbeat = max(0, self.config.get_as_integer_with_default("options.heartbeat", 30))
        self._inbox = Inbox(self.reactor)
        self._connection = RabbitMQConnection(self.reactor, self.logger, address, vhost, heartbeat, self._settings)
        self._connection.on_up.append(self._declare)
        self._connection.on_down.append(self._forget_deliveries)
        await self._connection.start(correlation_id)

    async def _declare(self, link: AmqpLink) -> None:
        self._dead_letter_declared = False
        if self._flag("auto_create", True):
            await link.consumer.queue_declare(
                queue=self._queue, durable=self._flag("durable", True), auto_delete=self._flag("auto_delete", False),
            )
            if self.exchange:
                await link.consumer.exchange_declare(
                    exchange=self.exchange, exchange_type=self._option("exchange_type", "fanout"),
                    durable=self._flag("durable", True),
                )
                await link.consumer.queue_bind(queue=self._queue, exchange=self.exchange, routing_key=self.routing_key)
        if self._consuming:
            await self._consume(link)

    def _forget_deliveries(self) -> None:
        """Deliveries of a lost connection come again from the broker: drop their copies."""
        if self._inbox is not None and self._connection is not None:
            self._inbox.remove(lambda envelope: envelope.reference is not None)

    async def _close(self, correlation_id: Optional[str]) -> None:
        self._consuming = False
        if self._inbox is not None:
            self._inbox.release_waiting()
        if self._connection is not None:
            await self._connection.stop()

    def _link(self, correlation_id: Optional[str]) -> AmqpLink:
        assert self._connection is not None
        link: AmqpLink = self._connection.require(correlation_id)
        return link

    # -- sending -------------------------------------------------------------------

    def _send(self, correlation_id: Optional[str], envelope: MessageEnvelope) -> Deferred[Any]:
        return self._publish(correlation_id, self._exchange, self._routing_key, envelope, settled=False)

    def _send_to(self, correlation_id: Optional[str], destination: str, envelope: MessageEnvelope) -> Deferred[None]:
        return self._publish(correlation_id, "", destination, envelope)

    def create_reply_queue(self) -> MessageQueue:
        queue = RabbitMQMessageQueue()
        queue.configure(self._reply_config(
            f"{self._queue}.replies.{uuid.uuid4().hex[:12]}", durable="false", auto_delete="true",
            persistent="false", exchange="", vhost=self._option("vhost", "/"),
        ))
        return queue

    def _publish(self, correlation_id: Optional[str], exchange: str, routing_key: str,
                 envelope: MessageEnvelope, settled: bool = True) -> Deferred[Any]:
        """Fires on the broker's confirm (with None when C{settled}; L{send} sets its own result)."""
        link = self._link(correlation_id)
        sent = envelope.sent_time
        publish = link.publishing.publish if link.publishing is not None else partial(publish_by_pika, link.publisher)
        d: Deferred[Any] = publish(
            exchange, routing_key, envelope.to_bytes(), self._persistent, envelope.message_id,
            envelope.correlation_id, envelope.reply_to, int(sent.timestamp()) if sent else None,
            envelope.message_type,
        )
        if not settled:
            return d.addErrback(self._publish_failed, correlation_id, routing_key)
        return d.addCallbacks(_nothing, self._publish_failed, errbackArgs=(correlation_id, routing_key))

    def _publish_failed(self, failure: Any, correlation_id: Optional[str], routing_key: str) -> None:
        from pika.exceptions import NackError, UnroutableError

        if failure.check(UnroutableError):
            raise InvocationException(
                correlation_id, "NO_ROUTE", f"RabbitMQ has no queue for routing key {routing_key!r}"
            ).with_details("routing_key", routing_key)
        if failure.check(NackError):
            raise InvocationException(correlation_id, "NACKED", "RabbitMQ refused the message (nack)")
        raise ConnectionException(
            correlation_id, "BROKER_UNAVAILABLE", f"The message to {self._queue} was not confirmed: "
            f"{failure.getErrorMessage() or failure.type.__name__}"
        ).with_cause(failure.value)

    # -- receiving ------------------------------------------------------------------

    def _start_receiving(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._consuming:
            return succeed(None)
        self._consuming = True
        return ensureDeferred(self._consume(self._link(correlation_id)))

    async def _consume(self, link: AmqpLink) -> None:
        await link.consumer.basic_qos(prefetch_count=max(1, self.config.get_as_integer_with_default(
            "options.prefetch", 100)))
        def delivered(method: Any, properties: Any, body: bytes) -> None:
            self._delivered(body, properties, method.delivery_tag, link)

        consuming = consume_directly(link.consumer, self._queue, delivered)
        if consuming is not None:
            await consuming
            return
        deliveries, _tag = await link.consumer.basic_consume(queue=self._queue, auto_ack=False)
        self._next_delivery(deliveries, link)

    def _next_delivery(self, deliveries: Any, link: AmqpLink) -> None:
        deliveries.get().addCallbacks(self._queued, lambda _: None, callbackArgs=(deliveries, link))

    def _queued(self, delivery: Any, deliveries: Any, link: AmqpLink) -> None:
        self._delivered(delivery.body, delivery.properties, delivery.method.delivery_tag, link)
        self._next_delivery(deliveries, link)

    def _delivered(self, body: bytes, properties: Any, delivery_tag: int, link: AmqpLink) -> None:
        link.acks.delivered(delivery_tag)
        envelope = self._envelope(body, properties)
        envelope.reference = (link.generation, delivery_tag)
        if self._inbox is not None:
            self._inbox.put(envelope)

    @staticmethod
    def _envelope(body: bytes, properties: Any) -> MessageEnvelope:
        envelope = envelope_from_wire(body, getattr(properties, "message_id", None))
        if envelope.message_type is None and properties is not None:
            envelope.message_type = properties.type
            envelope.correlation_id = envelope.correlation_id or properties.correlation_id
        return envelope

    _listens_in_inbox = True

    def _next_for_listener(self, correlation_id: Optional[str]) -> Deferred[Optional[MessageEnvelope]]:
        return self._wait_in_inbox(correlation_id)

    async def _receive(self, correlation_id: Optional[str], wait_ms: int) -> Optional[MessageEnvelope]:
        await self._start_receiving(correlation_id)
        assert self._inbox is not None
        if not len(self._inbox):
            self._link(correlation_id)
        return await self._inbox.take(wait_ms / 1000.0)

    async def _peek_batch(self, correlation_id: Optional[str], count: int) -> list[MessageEnvelope]:
        assert self._inbox is not None
        found = [MessageEnvelope(e.correlation_id, e.message_type, e.message, message_id=e.message_id,
                                 sent_time=e.sent_time, reply_to=e.reply_to) for e in self._inbox.peek(count)]
        link = self._link(correlation_id)
        tags = []
        link.acks.exclusive += 1
        try:
            while len(found) < count:
                got = await link.consumer.basic_get(queue=self._queue, auto_ack=False)
                if got is None:
                    break
                tags.append(got.method.delivery_tag)
                found.append(self._envelope(got.body, got.properties))
        finally:
            for tag in tags:
                link.consumer.basic_nack(delivery_tag=tag, requeue=True)
            link.acks.exclusive -= 1
        return found

    async def _read_message_count(self) -> int:
        link = self._link(None)
        frame = await link.consumer.queue_declare(queue=self._queue, passive=True)
        return int(frame.method.message_count) + len(self._inbox or ())

    def _settle(self, envelope: MessageEnvelope, ack: bool, requeue: bool = False) -> None:
        reference, envelope.reference = envelope.reference, None
        link = self._connection.connection if self._connection is not None else None
        if link is None or reference is None or reference[0] != link.generation:
            return  # the connection that delivered it is gone: the broker gives it again
        if ack:
            link.acks.ack(reference[1])
        else:
            link.acks.settled(reference[1])
            link.consumer.basic_nack(delivery_tag=reference[1], requeue=requeue)

    def _complete(self, envelope: MessageEnvelope) -> None:
        self._settle(envelope, ack=True)

    def _abandon(self, envelope: MessageEnvelope) -> None:
        self._settle(envelope, ack=False, requeue=True)

    async def _move_to_dead_letter(self, envelope: MessageEnvelope) -> None:
        link = self._link(envelope.correlation_id)
        if not self._dead_letter_declared:
            await link.consumer.queue_declare(queue=self.dead_letter_queue, durable=True)
            self._dead_letter_declared = True
        dead = MessageEnvelope(envelope.correlation_id, envelope.message_type, envelope.message,
                               message_id=envelope.message_id, sent_time=envelope.sent_time,
                               reply_to=envelope.reply_to)
        await self._publish(envelope.correlation_id, "", self.dead_letter_queue, dead)
        self._settle(envelope, ack=True)

    async def _clear(self, correlation_id: Optional[str]) -> None:
        link = self._link(correlation_id)
        await link.consumer.queue_purge(queue=self._queue)
        if self._inbox is not None:
            for envelope in self._inbox.clear():
                self._settle(envelope, ack=True)


def _nothing(_: Any) -> None:
    return None
