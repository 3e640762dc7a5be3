# -*- test-case-name: tests.messaging.test_amqp_frames -*-
"""AmqpFrames: the publish and ack frames of one pika channel, written to its transport without pika's marshalling."""

from __future__ import annotations

import struct
from typing import Any, Callable, Optional

from twisted.internet.defer import Deferred, fail

_FLAG_CONTENT_TYPE = 1 << 15
_FLAG_DELIVERY_MODE = 1 << 12
_FLAG_CORRELATION_ID = 1 << 10
_FLAG_REPLY_TO = 1 << 9
_FLAG_MESSAGE_ID = 1 << 7
_FLAG_TIMESTAMP = 1 << 6
_FLAG_TYPE = 1 << 5

_JSON = b"\x10application/json"
_HEADER = struct.Struct(">BHIHHQH")  # frame type 2, channel, size; class 60, weight 0, body size; property flags
_BODY = struct.Struct(">BHI")  # frame type 3, channel, size
_ACK = struct.Struct(">BHIHHQBB")  # frame type 1, channel, size 13; Basic.Ack (60, 80), tag, multiple; frame end
_TIMESTAMP = struct.Struct(">Q")
_END = b"\xce"


class _TooLong(ValueError):
    pass


def _short(value: str) -> bytes:
    data = value.encode("utf-8")
    if len(data) > 255:
        raise _TooLong(value)
    return bytes((len(data),)) + data


class AmqpFrames:
    """
    Publishing and acknowledging on one of pika's Twisted channels, as pika
    would, in one write and without its per-frame objects: a publish is a
    method frame made once per exchange and routing key, a header frame with
    the properties a queue sends (content type JSON, delivery mode, message
    id, correlation id, reply-to, timestamp, type) and one body frame; an ack
    is one packed frame. The confirm of a publish is pika's, as with
    C{basic_publish}. What this does not cover (a body larger than a frame, a
    string longer than AMQP allows, a channel not open) goes through pika's
    own methods, which raise as they do. L{for_channel} is None for a pika
    without the internals this relies on.
    """

    def __init__(self, channel: Any) -> None:
        self._twisted = channel
        self._channel = channel._channel
        self._connection = self._channel.connection
        self._number = self._channel.channel_number
        self._methods: dict[tuple[str, str], bytes] = {}

    @classmethod
    def for_channel(cls, channel: Any) -> Optional[AmqpFrames]:
        inner = getattr(channel, "_channel", None)
        connection = getattr(inner, "connection", None)
        needed = (hasattr(channel, name) for name in ("_closed", "_deliveries", "_delivery_message_id"))
        if inner is None or connection is None or not all(needed) or not all(
                hasattr(connection, name) for name in ("_adapter_emit_data", "_body_max_length")):
            return None
        return cls(channel)

    def _method(self, exchange: str, routing_key: str) -> bytes:
        key = (exchange, routing_key)
        frame = self._methods.get(key)
        if frame is None:
            from pika import frame as frames
            from pika import spec

            publish = spec.Basic.Publish(exchange=exchange, routing_key=routing_key, mandatory=True)
            frame = self._methods[key] = frames.Method(self._number, publish).marshal()
        return frame

    def publish(self, exchange: str, routing_key: str, body: bytes, persistent: bool, message_id: str,
                correlation_id: Optional[str], reply_to: Optional[str], timestamp: Optional[int],
                message_type: Optional[str]) -> Deferred[Any]:
        """Publishes as C{basic_publish(..., mandatory=True)} with those properties; fires on the broker's confirm."""
        channel = self._twisted
        if channel._closed:
            return fail(channel._closed)
        connection = self._connection
        try:
            if not self._channel.is_open or len(body) > connection._body_max_length:
                raise _TooLong()
            flags = _FLAG_CONTENT_TYPE | _FLAG_DELIVERY_MODE | _FLAG_MESSAGE_ID
            parts = [_JSON, b"\x02" if persistent else b"\x01"]
            if correlation_id is not None:
                flags |= _FLAG_CORRELATION_ID
                parts.append(_short(correlation_id))
            if reply_to is not None:
                flags |= _FLAG_REPLY_TO
                parts.append(_short(reply_to))
            parts.append(_short(message_id))
            if timestamp is not None:
                flags |= _FLAG_TIMESTAMP
                parts.append(_TIMESTAMP.pack(timestamp))
            if message_type is not None:
                flags |= _FLAG_TYPE
                parts.append(_short(message_type))
            properties = b"".join(parts)
            method = self._method(exchange, routing_key)
        except (ValueError, struct.error):
            return self._publish_by_pika(exchange, routing_key, body, persistent, message_id, correlation_id,
                                         reply_to, timestamp, message_type)
        size = len(body)
        number = self._number
        data = b"".join((
            method, _HEADER.pack(2, number, 14 + len(properties), 60, 0, size, flags), properties, _END,
            _BODY.pack(3, number, size), body, _END,
        ))
        connection.bytes_sent += len(data)
        connection.frames_sent += 3
        connection._adapter_emit_data(data)
        channel._delivery_message_id += 1
        d: Deferred[Any] = Deferred()
        channel._deliveries[channel._delivery_message_id] = d
        return d

    def _publish_by_pika(self, exchange: str, routing_key: str, body: bytes, persistent: bool, message_id: str,
                         correlation_id: Optional[str], reply_to: Optional[str], timestamp: Optional[int],
                         message_type: Optional[str]) -> Deferred[Any]:
        return publish_by_pika(self._twisted, exchange, routing_key, body, persistent, message_id, correlation_id,
                               reply_to, timestamp, message_type)

    def ack(self, delivery_tag: int, multiple: bool = False) -> None:
        """C{basic_ack(delivery_tag, multiple)}."""
        if not self._channel.is_open or self._connection.is_closed:
            self._twisted.basic_ack(delivery_tag=delivery_tag, multiple=multiple)  # raises as pika does
            return
        self._connection.bytes_sent += 21
        self._connection.frames_sent += 1
        self._connection._adapter_emit_data(_ACK.pack(1, self._number, 13, 60, 80, delivery_tag, multiple, 0xCE))


def publish_by_pika(channel: Any, exchange: str, routing_key: str, body: bytes, persistent: bool, message_id: str,
                    correlation_id: Optional[str], reply_to: Optional[str], timestamp: Optional[int],
                    message_type: Optional[str]) -> Deferred[Any]:
    """The same publish through pika's C{basic_publish}."""
    import pika

    properties = pika.BasicProperties(
        content_type="application/json", delivery_mode=2 if persistent else 1, message_id=message_id,
        correlation_id=correlation_id, type=message_type, reply_to=reply_to, timestamp=timestamp,
    )
    d: Deferred[Any] = channel.basic_publish(
        exchange=exchange, routing_key=routing_key, body=body, properties=properties, mandatory=True,
    )
    return d


def consume_directly(channel: Any, queue: str,
                     on_message: Callable[[Any, Any, bytes], None]) -> Optional[Deferred[Any]]:
    """
    C{basic_consume} with C{on_message(method, properties, body)} called by
    pika's channel for each delivery (no queue of Deferreds in between); fires
    on ConsumeOk and fails if the channel closes first. None when this pika
    does not offer it: consume with C{basic_consume} then.
    """
    wrap = getattr(channel, "_wrap_channel_method", None)
    if wrap is None:
        return None
    consume = wrap("basic_consume")
    d: Deferred[Any] = consume(queue=queue, auto_ack=False,
                               on_message_callback=lambda _channel, method, properties, body:
                               on_message(method, properties, body))
    return d
