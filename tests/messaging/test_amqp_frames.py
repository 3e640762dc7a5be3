"""The AMQP frames and ack batches of the RabbitMQ queue, and paho's bulk socket I/O, against what the libraries do."""

from __future__ import annotations

from typing import Any

from twisted.internet.task import Clock
from twisted.trial import unittest

from pipservices_tx.messaging._amqp_acks import AckBatch
from pipservices_tx.messaging._amqp_frames import AmqpFrames
from pipservices_tx.messaging._mqtt_client import ReactorClient
from pipservices_tx.messaging._rabbitmq_connection import READ_SLICE, AmqpLink, _sliced_protocol


class _Connection:
    def __init__(self) -> None:
        self.written: list[bytes] = []
        self._body_max_length = 131064
        self.bytes_sent = 0
        self.frames_sent = 0
        self.is_closed = False

    def _adapter_emit_data(self, data: bytes) -> None:
        self.written.append(data)


class _Channel:
    def __init__(self, connection: _Connection) -> None:
        self.connection = connection
        self.channel_number = 3
        self.is_open = True


class _TwistedChannel:
    """What AmqpFrames uses of pika's TwistedChannel, recording what goes through pika's own methods."""

    def __init__(self) -> None:
        self._channel = _Channel(_Connection())
        self._closed: Any = None
        self._deliveries: dict[int, Any] = {}
        self._delivery_message_id = 0
        self.by_pika: list[dict[str, Any]] = []

    def basic_publish(self, **kwargs: Any) -> Any:
        from twisted.internet.defer import Deferred

        self.by_pika.append(kwargs)
        return Deferred()

    def basic_ack(self, **kwargs: Any) -> None:
        from pika.exceptions import ChannelWrongStateError

        if self._closed is not None:
            raise ChannelWrongStateError("Channel is closed.")
        self.by_pika.append(kwargs)


def _pika_publish(number: int, exchange: str, routing_key: str, body: bytes, **properties: Any) -> bytes:
    import pika
    from pika import frame, spec

    props = pika.BasicProperties(content_type="application/json", **properties)
    return (frame.Method(number, spec.Basic.Publish(exchange=exchange, routing_key=routing_key, mandatory=True)).marshal()
            + frame.Header(number, len(body), props).marshal() + frame.Body(number, body).marshal())


class AmqpFramesTests(unittest.TestCase):
    def setUp(self) -> None:
        self.channel = _TwistedChannel()
        frames = AmqpFrames.for_channel(self.channel)
        assert frames is not None
        self.frames = frames
        self.connection = self.channel._channel.connection

    def test_publish_writes_what_pika_writes(self) -> None:
        cases = [
            dict(persistent=True, message_id="m1", correlation_id=None, reply_to=None, timestamp=1700000000,
                 message_type="beacon"),
            dict(persistent=False, message_id="m2", correlation_id="c-é", reply_to="replies", timestamp=None,
                 message_type=None),
        ]
        for case in cases:
            self.connection.written.clear()
            d = self.frames.publish("ex", "key", b'{"a":1}', **case)  # type: ignore[arg-type]
            expected = _pika_publish(3, "ex", "key", b'{"a":1}', delivery_mode=2 if case["persistent"] else 1,
                                     message_id=case["message_id"], correlation_id=case["correlation_id"],
                                     reply_to=case["reply_to"], timestamp=case["timestamp"],
                                     type=case["message_type"])
            self.assertEqual(b"".join(self.connection.written), expected)
            self.assertIs(self.channel._deliveries[self.channel._delivery_message_id], d)
        self.assertEqual(self.channel._delivery_message_id, 2)
        self.assertEqual(self.channel.by_pika, [])

    def test_what_frames_do_not_cover_goes_through_pika(self) -> None:
        self.frames.publish("", "q", b"x", True, "m" * 300, None, None, None, None)
        self.connection._body_max_length = 4
        self.frames.publish("", "q", b"too long", True, "m", None, None, None, None)
        self.assertEqual(self.connection.written, [])
        self.assertEqual([call["properties"].message_id for call in self.channel.by_pika], ["m" * 300, "m"])

    def test_a_closed_channel_fails_the_publish(self) -> None:
        self.channel._closed = RuntimeError("closed")
        self.failureResultOf(self.frames.publish("", "q", b"x", True, "m", None, None, None, None), RuntimeError)

    @staticmethod
    def ack_frame(tag: int, multiple: bool) -> bytes:
        from pika import frame, spec

        return frame.Method(3, spec.Basic.Ack(tag, multiple)).marshal()

    def test_ack_writes_what_pika_writes(self) -> None:
        from pika import frame, spec

        self.frames.ack(70000, False)
        self.frames.ack(5, True)
        self.assertEqual(self.connection.written, [frame.Method(3, spec.Basic.Ack(70000, False)).marshal(),
                                                   frame.Method(3, spec.Basic.Ack(5, True)).marshal()])
        self.channel._channel.is_open = False
        self.frames.ack(6)
        self.assertEqual(self.channel.by_pika, [{"delivery_tag": 6, "multiple": False}])


class AckBatchTests(unittest.TestCase):
    def setUp(self) -> None:
        self.clock = Clock()
        self.sent: list[tuple[int, bool]] = []
        self.acks = AckBatch(self.clock, lambda tag, multiple: self.sent.append((tag, multiple)))
        for tag in range(1, 7):
            self.acks.delivered(tag)

    def test_acks_of_a_turn_go_as_one_multiple_ack_over_completed_deliveries_only(self) -> None:
        for tag in (2, 1, 4):
            self.acks.ack(tag)
        self.assertEqual(self.sent, [])
        self.clock.advance(0)
        self.assertEqual(self.sent, [(2, True), (4, False)])
        self.acks.settled(5)  # nacked
        for tag in (3, 6):
            self.acks.ack(tag)
        self.clock.advance(0)
        self.assertEqual(self.sent[2:], [(6, True)])

    def test_while_exclusive_every_ack_goes_alone(self) -> None:
        self.acks.exclusive = 1
        self.acks.ack(2)
        self.acks.ack(1)
        self.acks.flush()
        self.assertEqual(self.sent, [(1, False), (2, False)])
        self.assertEqual(self.clock.getDelayedCalls(), [])

    def test_dropped_acks_are_not_sent(self) -> None:
        self.acks.ack(1)
        self.acks.drop()
        self.clock.advance(0)
        self.acks.flush()
        self.assertEqual(self.sent, [])


class AmqpLinkAckTests(unittest.TestCase):
    def test_acks_flushed_on_a_closing_channel_are_dropped_without_error(self) -> None:
        clock = Clock()
        consumer = _TwistedChannel()
        link = AmqpLink(None, _TwistedChannel(), consumer, 1, clock)
        link.acks.delivered(1)
        link.acks.delivered(2)
        link.acks.ack(1)
        clock.advance(0)
        self.assertEqual(consumer._channel.connection.written, [AmqpFramesTests.ack_frame(1, True)])
        consumer._channel.is_open = False
        consumer._closed = RuntimeError("closed")
        link.acks.ack(2)
        clock.advance(0)
        self.assertEqual((len(consumer._channel.connection.written), consumer.by_pika), (1, []))


class _Impl:
    is_closed = False


class _Recording:
    def __init__(self) -> None:
        self._impl = _Impl()
        self.fed: list[bytes] = []

    def dataReceived(self, data: bytes) -> None:  # noqa: N802
        self.fed.append(data)
        if len(self.fed) == 2 and data.startswith(b"close"):
            self._impl.is_closed = True


class SlicedProtocolTests(unittest.TestCase):
    def test_large_reads_reach_pika_in_slices_and_stop_once_it_closed(self) -> None:
        protocol = _sliced_protocol(_Recording)()
        data = bytes(range(256)) * (2 * READ_SLICE // 256 + 1)
        protocol.dataReceived(data)
        self.assertEqual((len(protocol.fed), b"".join(protocol.fed)), (3, data))
        self.assertTrue(all(len(piece) <= READ_SLICE for piece in protocol.fed))
        closing = _sliced_protocol(_Recording)()
        closing.dataReceived(b"x" * READ_SLICE + b"close" * READ_SLICE)
        self.assertEqual(len(closing.fed), 2)


class _Socket:
    def __init__(self, incoming: bytes = b"", accept: int = 1 << 20) -> None:
        self.incoming = incoming
        self.accept = accept
        self.sent: list[bytes] = []
        self.reads = 0

    def recv(self, size: int) -> bytes:
        self.reads += 1
        if not self.incoming:
            raise BlockingIOError()
        data, self.incoming = self.incoming[:size], self.incoming[size:]
        return data

    def send(self, data: bytes) -> int:
        self.sent.append(bytes(data[:self.accept]))
        return min(len(data), self.accept)

    def fileno(self) -> int:
        return -1

    def close(self) -> None:
        pass


def _client(sock: _Socket) -> Any:
    import paho.mqtt.client as mqtt

    client = ReactorClient(mqtt.CallbackAPIVersion.VERSION2, client_id="t", protocol=mqtt.MQTTv311, manual_ack=True)
    client._sock = sock
    return client


class ReactorClientTests(unittest.TestCase):
    def test_reads_pieces_from_one_block(self) -> None:
        sock = _Socket(b"abcdefgh")
        client = _client(sock)
        self.assertEqual([client._sock_recv(1), client._sock_recv(2)], [b"a", b"bc"])
        self.assertTrue(client.buffered())
        self.assertEqual(client._sock_recv(10), b"defgh")
        self.assertFalse(client.buffered())
        self.assertEqual(sock.reads, 1)
        self.assertRaises(BlockingIOError, client._sock_recv, 1)

    def test_writes_waiting_packets_in_one_send_and_keeps_what_was_not_sent(self) -> None:
        import paho.mqtt.client as mqtt

        sock = _Socket(accept=5)
        client = _client(sock)
        for packet in (b"1234", b"5678", b"9abc"):
            client._out_packet.append({"command": mqtt.PUBACK, "mid": 1, "qos": 1, "pos": 0,
                                       "to_process": len(packet), "packet": packet, "info": None})
        self.assertEqual(client._packet_write(), mqtt.MQTTErrorCode.MQTT_ERR_AGAIN)
        self.assertEqual(sock.sent, [b"12345"])
        sock.accept = 100
        self.assertEqual(client._packet_write(), mqtt.MQTTErrorCode.MQTT_ERR_SUCCESS)
        self.assertEqual(sock.sent[1:], [b"6789abc"])
        self.assertEqual(len(client._out_packet), 0)
