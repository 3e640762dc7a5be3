# -*- test-case-name: tests.messaging.test_nats_queue -*-
"""JetStream: the few JetStream API calls a queue needs, as requests on a NatsConnection."""

from __future__ import annotations

import json
import re
from typing import Any, Optional

from ..errors import ConnectionException, InvocationException, UnsupportedException
from ._nats_connection import NatsConnection
from ._nats_protocol import js_error

#: JetStream error codes: stream not found, consumer not found.
STREAM_NOT_FOUND = 10059
CONSUMER_NOT_FOUND = 10014


def stream_name_for(subject: str) -> str:
    """A valid stream name for a subject: C{beacons.events} -> C{beacons_events}."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", subject)[:200] or "stream"


class JetStream:
    """Streams, durable pull consumers, publishing with acknowledgements, purges."""

    def __init__(self, connection: NatsConnection, timeout_ms: int) -> None:
        self.connection = connection
        self.timeout_ms = timeout_ms

    async def api(self, correlation_id: Optional[str], path: str, body: Optional[dict[str, Any]] = None) -> Any:
        """C{$JS.API.<path>} with a JSON body; fails with the API's error."""
        payload = json.dumps(body).encode() if body is not None else b""
        message = await self.connection.request(correlation_id, f"$JS.API.{path}", payload, self.timeout_ms)
        if message.status == "503":
            raise UnsupportedException(correlation_id, "NO_JETSTREAM", f"{self.connection.what} has no JetStream")
        reply = json.loads(message.data or b"{}")
        error = js_error(reply, path)
        if error is not None:
            error.correlation_id = correlation_id
            raise error
        return reply

    async def ensure_stream(self, correlation_id: Optional[str], subject: str, name: Optional[str],
                            settings: dict[str, Any]) -> str:
        """The stream that stores C{subject}: an existing one, else a new file stream called C{name}."""
        found = await self.api(correlation_id, "STREAM.NAMES", {"subject": subject})
        streams = found.get("streams") or []
        if streams:
            return str(streams[0])
        stream = name or stream_name_for(subject)
        config = {"name": stream, "subjects": [subject], "storage": "file", "retention": "limits", **settings}
        try:
            await self.api(correlation_id, f"STREAM.CREATE.{stream}", config)
        except InvocationException:
            again = await self.api(correlation_id, "STREAM.NAMES", {"subject": subject})
            if not again.get("streams"):
                raise
            return str(again["streams"][0])
        return stream

    async def ensure_consumer(self, correlation_id: Optional[str], stream: str, durable: str, subject: str,
                              ack_wait_ms: int) -> None:
        """A durable pull consumer of C{subject} with explicit acks, created when missing."""
        try:
            await self.api(correlation_id, f"CONSUMER.INFO.{stream}.{durable}")
            return
        except InvocationException as e:
            if (e.details or {}).get("err_code") != CONSUMER_NOT_FOUND:
                raise
        config = {
            "durable_name": durable, "ack_policy": "explicit", "deliver_policy": "all",
            "ack_wait": ack_wait_ms * 1_000_000, "filter_subject": subject, "max_deliver": -1,
        }
        await self.api(correlation_id, f"CONSUMER.DURABLE.CREATE.{stream}.{durable}",
                       {"stream_name": stream, "config": config})

    async def publish(self, correlation_id: Optional[str], subject: str, data: bytes,
                      message_id: Optional[str] = None) -> None:
        """Publishes and waits for the stream's acknowledgement (de-duplicated by C{Nats-Msg-Id})."""
        headers = {"Nats-Msg-Id": message_id} if message_id else None
        message = await self.connection.request(correlation_id, subject, data, self.timeout_ms, headers)
        if message.status == "503":
            raise ConnectionException(correlation_id, "NO_STREAM", f"No JetStream stream stores {subject}")
        reply = json.loads(message.data or b"{}")
        error = js_error(reply, f"publish to {subject}")
        if error is not None:
            error.correlation_id = correlation_id
            raise error

    def pull(self, correlation_id: Optional[str], stream: str, durable: str, reply: str, batch: int,
             wait_ms: int) -> None:
        """Asks for up to C{batch} messages, delivered to C{reply} within C{wait_ms} (0: only those ready)."""
        body: dict[str, Any] = {"batch": batch}
        if wait_ms > 0:
            body["expires"] = wait_ms * 1_000_000
        else:
            body["no_wait"] = True
        self.connection.publish(correlation_id, f"$JS.API.CONSUMER.MSG.NEXT.{stream}.{durable}",
                                json.dumps(body).encode(), reply)

    async def pending(self, correlation_id: Optional[str], stream: str, durable: str) -> int:
        """Messages of the consumer not yet delivered."""
        info = await self.api(correlation_id, f"CONSUMER.INFO.{stream}.{durable}")
        return int(info.get("num_pending") or 0)

    async def purge(self, correlation_id: Optional[str], stream: str, subject: str) -> None:
        await self.api(correlation_id, f"STREAM.PURGE.{stream}", {"filter": subject})
