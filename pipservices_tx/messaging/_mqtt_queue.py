# -*- test-case-name: tests.messaging.test_mqtt_queue -*-
"""MqttMessageQueue: a queue on an MQTT topic at QoS 1, acknowledged when completed."""

from __future__ import annotations

import uuid
from typing import Any, Optional

from twisted.internet.defer import Deferred, succeed

from ..config import ConfigParams
from ..errors import ConfigException
from ._address import BrokerAddress
from ._capabilities import MessagingCapabilities
from ._envelope import MessageEnvelope, envelope_from_wire
from ._inbox import Inbox
from ._message_queue import MessageQueue
from ._mqtt_connection import MqttConnection
from ._reconnecting import ReconnectSettings


class MqttMessageQueue(MessageQueue):
    """
    A queue on the MQTT topic named by C{connection.uri}
    (C{mqtt://[user:password@]host:1883/<topic>}, a topic may hold C{/}) or
    by C{name}, with C{connection.host}/C{port} and
    C{credential.username}/C{password}. MQTT 3.1.1 through paho-mqtt, whose
    socket the Twisted reactor drives.

    Messages are sent at QoS 1: C{send} fires on the broker's PUBACK. A
    receiver gets messages sent after the queue subscribed (on its first
    receive or listen, or on open with C{options.autosubscribe}); each is
    acknowledged to the broker only when completed, so a message in hand when
    the connection goes comes again. C{options.clean_session} (false) false
    keeps the session on the broker while the client is away: messages for it
    wait there, and with C{options.client_id} set (a unique id of this
    process otherwise) they wait across restarts of the service too.
    Abandon hands the message to the next receiver of this queue; dead
    letters are published to C{options.dead_letter} (C{<topic>/dead_letter}).
    MQTT cannot count, peek, purge or lock messages. C{options.keepalive}
    (seconds, 30), C{options.max_inflight} (100 unacknowledged sends);
    reconnection is configured as L{ReconnectSettings}.
    """

    capabilities = MessagingCapabilities(can_abandon=True, can_dead_letter=True)

    def __init__(self, name: Optional[str] = None) -> None:
        super().__init__(name)
        self._settings = ReconnectSettings()
        self._connection: Optional[MqttConnection] = None
        self._inbox: Optional[Inbox[MessageEnvelope]] = None
        self._topic = ""
        self._subscribed = False
        self._subscribing: Optional[Deferred[None]] = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self._settings = ReconnectSettings(config)

    @property
    def topic(self) -> str:
        return self._topic

    @property
    def connection(self) -> Optional[MqttConnection]:
        return self._connection

    @property
    def dead_letter_topic(self) -> str:
        return self.config.get_as_nullable_string("options.dead_letter") or f"{self._topic}/dead_letter"

    async def _open(self, correlation_id: Optional[str], connection: Any, credential: Any) -> None:
        address = BrokerAddress.resolve(connection, credential, ("mqtt", "tcp"), 1883)
        self._topic = self._name or address.destination or ""
        if not self._topic:
            raise ConfigException(correlation_id, "NO_TOPIC", "An MQTT queue needs a topic: a name or a URI path")
        self._name = self._topic
        config = self.config
        client_id = config.get_as_nullable_string("options.client_id") or f"pipsvc-{uuid.uuid4().hex[:16]}"
        self._inbox = Inbox(self.reactor)
        self._connection = MqttConnection(
            self.reactor, self.logger, address, client_id,
            clean_session=config.get_as_boolean_with_default("options.clean_session", False),
            keepalive=max(5, config.get_as_integer_with_default("options.keepalive", 30)),
            max_inflight=max(1, config.get_as_integer_with_default("options.max_inflight", 100)),
            on_message=self._on_message, settings=self._settings,
        )
        self._connection.on_up.append(self._resubscribe)
        self._connection.on_down.append(self._forget_deliveries)
        await self._connection.start(correlation_id)
        if config.get_as_boolean_with_default("options.autosubscribe", False):
            await self._start_receiving(correlation_id)

    def _resubscribe(self, link: Any) -> Optional[Deferred[None]]:
        if not self._subscribed:
            return None
        assert self._connection is not None
        return self._connection.subscribe(None, self._topic, resubscribing=True)

    def _forget_deliveries(self) -> None:
        """Unacknowledged deliveries come again from the broker on the next connection."""
        if self._inbox is not None:
            self._inbox.remove(lambda envelope: envelope.reference is not None)

    async def _close(self, correlation_id: Optional[str]) -> None:
        self._subscribed = False
        if self._inbox is not None:
            self._inbox.release_waiting()
        if self._connection is not None:
            await self._connection.stop()

    def _start_receiving(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._subscribed:
            return succeed(None)
        if self._subscribing is None:
            assert self._connection is not None

            def subscribed(result: Any) -> Any:
                self._subscribing = None
                self._subscribed = True
                return result

            def failed(failure: Any) -> Any:
                self._subscribing = None
                return failure

            subscribing = self._connection.subscribe(correlation_id, self._topic)
            self._subscribing = subscribing.addCallbacks(subscribed, failed)
        return self._subscribing

    def _on_message(self, message: Any, generation: int) -> None:
        envelope = envelope_from_wire(message.payload)
        envelope.reference = (generation, message.mid)
        if self._inbox is not None:
            self._inbox.put(envelope)
        elif self._connection is not None:
            self._connection.ack(message.mid, generation)

    def _send(self, correlation_id: Optional[str], envelope: MessageEnvelope) -> Deferred[None]:
        assert self._connection is not None
        return self._connection.publish(correlation_id, self._topic, envelope.to_bytes())

    def _send_to(self, correlation_id: Optional[str], destination: str, envelope: MessageEnvelope) -> Deferred[None]:
        assert self._connection is not None
        return self._connection.publish(correlation_id, destination, envelope.to_bytes())

    def create_reply_queue(self) -> MessageQueue:
        queue = MqttMessageQueue()
        queue.configure(self._reply_config(
            f"{self._topic}/replies/{uuid.uuid4().hex[:12]}", clean_session="true", autosubscribe="true",
        ))
        return queue

    _listens_in_inbox = True

    def _next_for_listener(self, correlation_id: Optional[str]) -> Deferred[Optional[MessageEnvelope]]:
        return self._wait_in_inbox(correlation_id)

    async def _receive(self, correlation_id: Optional[str], wait_ms: int) -> Optional[MessageEnvelope]:
        await self._start_receiving(correlation_id)
        assert self._inbox is not None and self._connection is not None
        if not len(self._inbox):
            self._connection.require(correlation_id)
        return await self._inbox.take(wait_ms / 1000.0)

    def _complete(self, envelope: MessageEnvelope) -> None:
        reference, envelope.reference = envelope.reference, None
        if reference is not None and self._connection is not None:
            self._connection.ack(reference[1], reference[0])

    def _abandon(self, envelope: MessageEnvelope) -> None:
        if self._inbox is not None and envelope.reference is not None:
            again = MessageEnvelope(envelope.correlation_id, envelope.message_type, envelope.message,
                                    message_id=envelope.message_id, sent_time=envelope.sent_time,
                                    reply_to=envelope.reply_to)
            again.reference, envelope.reference = envelope.reference, None
            self._inbox.put_back(again)

    async def _move_to_dead_letter(self, envelope: MessageEnvelope) -> None:
        assert self._connection is not None
        dead = MessageEnvelope(envelope.correlation_id, envelope.message_type, envelope.message,
                               message_id=envelope.message_id, sent_time=envelope.sent_time,
                               reply_to=envelope.reply_to)
        await self._connection.publish(envelope.correlation_id, self.dead_letter_topic, dead.to_bytes())
        self._complete(envelope)
