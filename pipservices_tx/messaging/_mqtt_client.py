# -*- test-case-name: tests.messaging.test_mqtt_queue -*-
"""ReactorClient: paho's MQTT client on a socket connected elsewhere, reading and writing it in bulk."""

from __future__ import annotations

import socket
import struct
from typing import Any, Optional

#: How much one read of the socket takes in (bytes).
READ_SIZE = 65536

_MID = struct.Struct("!H")


def _make_reactor_client() -> type:
    import paho.mqtt.client as mqtt
    from paho.mqtt.packettypes import PacketTypes
    from paho.mqtt.properties import Properties
    from paho.mqtt.reasoncodes import ReasonCode

    publish, disconnect = mqtt.PUBLISH, mqtt.DISCONNECT
    v311 = mqtt.MQTTv311
    # What on_publish is given for an MQTT 3.1.1 PUBACK/PUBCOMP, which carries neither: made once,
    # not per acknowledgement (a Properties object costs more than the rest of the packet).
    acknowledged = {
        "PUBACK": (ReasonCode(PacketTypes.PUBACK), Properties(PacketTypes.PUBACK)),
        "PUBCOMP": (ReasonCode(PacketTypes.PUBCOMP), Properties(PacketTypes.PUBCOMP)),
    }

    class ReactorClient(mqtt.Client):  # type: ignore[misc]
        """
        paho's client taking a socket connected elsewhere instead of
        connecting itself. paho reads a packet with a system call per piece
        (its first byte, each byte of its length, its body) and writes each
        packet with one: this client reads the socket in blocks of
        L{READ_SIZE} and hands paho the pieces from memory, and writes every
        packet waiting in one send. L{buffered} tells that paho left some
        of a block unread (it reads a bounded number of packets a call).
        An MQTT 3.1.1 PUBACK calls C{on_publish} with one shared reason code
        and empty properties (the connection ignores both).
        """

        pending_socket: Optional[socket.socket] = None
        _block = b""
        _at = 0

        def _create_socket_connection(self) -> socket.socket:
            sock, self.pending_socket = self.pending_socket, None
            if sock is None:
                raise OSError("no connected socket")
            self._block, self._at = b"", 0
            return sock

        def _sock_close(self) -> None:
            self._block, self._at = b"", 0
            super()._sock_close()

        def buffered(self) -> bool:
            return self._at < len(self._block)

        def _sock_recv(self, bufsize: int) -> bytes:
            block, at = self._block, self._at
            if at >= len(block):
                if self._sock is None:
                    raise ConnectionError("self._sock is None")
                block = self._sock.recv(max(bufsize, READ_SIZE))  # BlockingIOError: nothing more now
                if len(block) <= bufsize:
                    self._block, self._at = b"", 0
                    return block
                self._block, at = block, 0
            self._at = at + bufsize
            return block[at:at + bufsize]

        def _handle_pubackcomp(self, cmd: Any) -> Any:
            packet = self._in_packet["packet"]
            if self._protocol != v311 or len(packet) != 2 or cmd not in acknowledged:
                return super()._handle_pubackcomp(cmd)
            mid = _MID.unpack(packet)[0]
            with self._out_message_mutex:
                if mid in self._out_messages:
                    reason, properties = acknowledged[cmd]
                    return self._do_on_publish(mid, reason, properties)
            return mqtt.MQTTErrorCode.MQTT_ERR_SUCCESS

        def _packet_write(self) -> Any:
            out = self._out_packet
            if len(out) < 2 or self._sock is None:
                return super()._packet_write()
            for packet in out:
                command = packet["command"] & 0xF0
                if command == disconnect or (command == publish and packet["qos"] == 0):
                    return super()._packet_write()  # paho calls back when those are written
            packets = list(out)
            out.clear()
            data = b"".join(bytes(packet["packet"][packet["pos"]:]) for packet in packets)
            try:
                sent = self._sock_send(data)
            except (AttributeError, ValueError):
                out.extendleft(reversed(packets))
                return mqtt.MQTTErrorCode.MQTT_ERR_SUCCESS
            except BlockingIOError:
                out.extendleft(reversed(packets))
                return mqtt.MQTTErrorCode.MQTT_ERR_AGAIN
            except OSError as err:
                out.extendleft(reversed(packets))
                self._easy_log(mqtt.MQTT_LOG_ERR, "failed to receive on socket: %s", err)
                return mqtt.MQTTErrorCode.MQTT_ERR_CONN_LOST
            for index, packet in enumerate(packets):
                if sent < packet["to_process"]:
                    packet["pos"] += sent
                    packet["to_process"] -= sent
                    out.extendleft(reversed(packets[index:]))
                    break
                sent -= packet["to_process"]
                packet["pos"] += packet["to_process"]
                packet["to_process"] = 0
            with self._msgtime_mutex:
                self._last_msg_out = mqtt.time_func()
            return mqtt.MQTTErrorCode.MQTT_ERR_AGAIN if out else mqtt.MQTTErrorCode.MQTT_ERR_SUCCESS

    return ReactorClient


_reactor_client_class: Optional[type] = None


def ReactorClient(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 (a class made on first use)
    """A new ReactorClient (paho is imported on first use)."""
    global _reactor_client_class
    if _reactor_client_class is None:
        _reactor_client_class = _make_reactor_client()
    return _reactor_client_class(*args, **kwargs)
