# -*- test-case-name: tests.messaging.test_nats_protocol -*-
"""NatsProtocol: the NATS client protocol (INFO, CONNECT, PUB/HPUB, SUB, MSG/HMSG, PING/PONG) on Twisted."""

from __future__ import annotations

import json
from collections import deque
from typing import Any, Callable, NamedTuple, Optional

from twisted.internet.defer import Deferred
from twisted.internet.protocol import Protocol
from twisted.python.failure import Failure

from ..errors import ConnectionException, InvocationException

#: The longest control line accepted from a server (bytes).
MAX_CONTROL_LINE = 64 * 1024
_CRLF = b"\r\n"


class NatsMessage(NamedTuple):
    """A message from the server: C{status} is set for header-only status messages (C{"408"}...)."""

    subject: str
    sid: int
    reply: Optional[str]
    data: bytes
    headers: Optional[dict[str, str]] = None
    status: Optional[str] = None
    description: str = ""


def parse_headers(block: bytes) -> tuple[dict[str, str], Optional[str], str]:
    """The headers of an HMSG (C{NATS/1.0 [status [description]]} then C{Key: value} lines)."""
    lines = block.decode("utf-8", errors="replace").split("\r\n")
    first = lines[0][len("NATS/1.0"):].strip() if lines and lines[0].startswith("NATS/1.0") else ""
    status, _, description = first.partition(" ")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            key, _, value = line.partition(":")
            headers[key.strip()] = value.strip()
    return headers, status or None, description


def format_headers(headers: dict[str, str]) -> bytes:
    lines = ["NATS/1.0"] + [f"{key}: {value}" for key, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


class NatsProtocol(Protocol):
    """
    One connection to a NATS server. L{ready} fires after the server's INFO,
    our CONNECT and a PING/PONG round trip; L{on_message} gets every MSG and
    HMSG; L{flush} fires when the server has processed everything written
    before it. A protocol error or an oversized line drops the connection.
    """

    def __init__(self, connect_options: dict[str, Any], on_message: Callable[[NatsMessage], None]) -> None:
        self.connect_options = connect_options
        self.on_message = on_message
        self.info: dict[str, Any] = {}
        self.ready: Deferred[NatsProtocol] = Deferred()
        self.lost: Deferred[None] = Deferred()
        self._buffer = bytearray()
        self._pending_payload: Optional[tuple[list[str], int, int]] = None
        self._pongs: deque[Deferred[None]] = deque()
        self._connected = False
        self.error: Optional[str] = None

    # -- writing ---------------------------------------------------------------------

    def publish(self, subject: str, data: bytes, reply: Optional[str] = None,
                headers: Optional[dict[str, str]] = None) -> None:
        assert self.transport is not None
        head = f" {reply}" if reply else ""
        if headers:
            block = format_headers(headers)
            line = f"HPUB {subject}{head} {len(block)} {len(block) + len(data)}\r\n".encode()
            self.transport.writeSequence([line, block, data, _CRLF])
        else:
            self.transport.writeSequence([f"PUB {subject}{head} {len(data)}\r\n".encode(), data, _CRLF])

    def subscribe(self, sid: int, subject: str, queue_group: Optional[str] = None) -> None:
        assert self.transport is not None
        group = f" {queue_group}" if queue_group else ""
        self.transport.write(f"SUB {subject}{group} {sid}\r\n".encode())

    def unsubscribe(self, sid: int) -> None:
        assert self.transport is not None
        self.transport.write(f"UNSUB {sid}\r\n".encode())

    def flush(self) -> Deferred[None]:
        """Fires with the PONG of a PING written now."""
        assert self.transport is not None
        d: Deferred[None] = Deferred()
        self._pongs.append(d)
        self.transport.write(b"PING\r\n")
        return d

    # -- reading ---------------------------------------------------------------------

    def dataReceived(self, data: bytes) -> None:
        self._buffer += data
        try:
            self._parse()
        except Exception as e:  # a broken stream: drop it, the connection reconnects
            self.error = f"protocol error: {e}"
            if self.transport is not None:
                self.transport.loseConnection()

    def _parse(self) -> None:
        buffer = self._buffer
        while buffer:
            if self._pending_payload is not None:
                fields, header_size, total = self._pending_payload
                if len(buffer) < total + 2:
                    return
                self._pending_payload = None
                body = bytes(buffer[:total])
                del buffer[:total + 2]
                self._deliver(fields, body, header_size)
                continue
            end = buffer.find(_CRLF)
            if end < 0:
                if len(buffer) > MAX_CONTROL_LINE:
                    raise ValueError("control line too long")
                return
            line = bytes(buffer[:end]).decode("utf-8", errors="replace")
            del buffer[:end + 2]
            self._control(line)

    def _control(self, line: str) -> None:
        verb, _, rest = line.partition(" ")
        verb = verb.upper()
        if verb == "MSG":
            fields = rest.split()
            self._pending_payload = (fields, 0, int(fields[-1]))
        elif verb == "HMSG":
            fields = rest.split()
            self._pending_payload = (fields[:-1], int(fields[-2]), int(fields[-1]))
        elif verb == "PING":
            assert self.transport is not None
            self.transport.write(b"PONG\r\n")
        elif verb == "PONG":
            if self._pongs:
                self._pongs.popleft().callback(None)
        elif verb == "INFO":
            self._on_info(json.loads(rest))
        elif verb == "-ERR":
            self._on_error(rest.strip().strip("'"))
        elif verb != "+OK":
            raise ValueError(f"unknown operation {verb[:20]!r}")

    def _deliver(self, fields: list[str], body: bytes, header_size: int) -> None:
        # MSG <subject> <sid> [reply] <size>; HMSG's fields come without the total size
        subject, sid = fields[0], int(fields[1])
        reply = fields[2] if len(fields) == 4 else None
        if header_size:
            headers, status, description = parse_headers(body[:header_size])
            self.on_message(NatsMessage(subject, sid, reply, body[header_size:], headers, status, description))
        else:
            self.on_message(NatsMessage(subject, sid, reply, body))

    def _on_info(self, info: dict[str, Any]) -> None:
        self.info.update(info)
        if self._connected:
            return
        self._connected = True
        assert self.transport is not None
        self.transport.write(b"CONNECT " + json.dumps(self.connect_options).encode() + _CRLF)
        self.flush().addCallbacks(lambda _: self._fire_ready(), lambda f: None)

    def _fire_ready(self) -> None:
        if not self.ready.called:
            self.ready.callback(self)

    def _on_error(self, message: str) -> None:
        self.error = message
        lowered = message.lower()
        if not self.ready.called:
            self.ready.errback(ConnectionException(None, "NATS_REFUSED", f"NATS refused the connection: {message}"))
        if "permissions violation" in lowered or "invalid subject" in lowered:
            return  # the server keeps the connection for these
        if self.transport is not None:
            self.transport.loseConnection()

    def connectionLost(self, reason: Optional[Failure] = None) -> None:  # type: ignore[override]
        why = self.error or (reason.getErrorMessage() if reason is not None else "closed")
        error = ConnectionException(None, "NATS_DISCONNECTED", f"Connection to NATS lost: {why}")
        while self._pongs:
            self._pongs.popleft().errback(error)
        if not self.ready.called:
            self.ready.errback(error)
        if not self.lost.called:
            self.lost.callback(None)


def js_error(reply: dict[str, Any], what: str) -> Optional[InvocationException]:
    """The error of a JetStream API reply, or None when it succeeded."""
    error = reply.get("error")
    if not isinstance(error, dict):
        return None
    result = InvocationException(None, "JETSTREAM_ERROR", f"JetStream {what}: {error.get('description', error)}")
    result.with_details("err_code", error.get("err_code")).with_details("code", error.get("code"))
    return result
