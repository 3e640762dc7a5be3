# -*- test-case-name: tests.messaging.test_nats_queue -*-
"""NatsMessageQueue: a queue on a NATS subject, plain (queue groups) or on JetStream."""

from __future__ import annotations

import uuid
from typing import Any, Optional

from twisted.internet.defer import Deferred, ensureDeferred, fail, succeed

from ..config import ConfigParams
from ..errors import ConfigException
from ._address import BrokerAddress
from ._capabilities import MessagingCapabilities
from ._envelope import MessageEnvelope, envelope_from_wire
from ._inbox import Inbox
from ._jetstream import JetStream
from ._message_queue import MessageQueue
from ._nats_connection import NatsConnection
from ._nats_protocol import NatsMessage
from ._reconnecting import ReconnectSettings

PLAIN = MessagingCapabilities()
JETSTREAM = MessagingCapabilities(
    can_message_count=True, can_renew_lock=True, can_abandon=True, can_dead_letter=True, can_clear=True,
)


class NatsMessageQueue(MessageQueue):
    """
    A queue on the NATS subject named by C{connection.uri}
    (C{nats://[user:password@]host:4222/<subject>}) or by C{name}, with
    C{connection.host}/C{port} and C{credential.username}/C{password}.

    With JetStream (C{options.jetstream}: C{auto}, the default, uses it when
    the server has it; C{true} requires it; C{false} never) the subject is
    stored in a stream (C{options.stream}, by default an existing stream that
    captures the subject, else a new one named after it), and receivers share
    the durable pull consumer C{options.consumer} (C{pipsvc} by default):
    messages wait for a receiver, survive restarts, are locked for
    C{options.lock_timeout} ms (30000) and are counted, abandoned (NAK),
    renewed (in progress), dead-lettered (to C{options.dead_letter},
    C{<subject>.dead_letter} by default) and purged.

    Plain NATS delivers only to those subscribed at the time: members of the
    queue group C{options.queue_group} share the messages, subscribers without
    a group each get them all, and nothing is acknowledged. A queue subscribes
    on its first receive or listen, or on open with C{options.autosubscribe}.

    C{options.batch} (64) is how many messages a listener pulls at once;
    reconnection is configured as L{ReconnectSettings}.
    """

    capabilities = PLAIN

    def __init__(self, name: Optional[str] = None) -> None:
        super().__init__(name)
        self._settings = ReconnectSettings()
        self._connection: Optional[NatsConnection] = None
        self._jetstream: Optional[JetStream] = None
        self._inbox: Optional[Inbox[MessageEnvelope]] = None
        self._subject = ""
        self._stream: Optional[str] = None
        self._receiving: Optional[Deferred[None]] = None
        self._sid: Optional[int] = None
        self._pulls: dict[int, Any] = {}
        self._listener_pulling = False

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self._settings = ReconnectSettings(config)
        mode = (config.get_as_nullable_string("options.jetstream") or "auto").lower()
        if mode not in ("auto", "true", "false"):
            raise ConfigException(None, "BAD_OPTION", f"options.jetstream is auto, true or false, not {mode!r}")

    @property
    def subject(self) -> str:
        return self._subject

    @property
    def jetstream(self) -> Optional[JetStream]:
        """The JetStream API of this queue, when it runs on JetStream."""
        return self._jetstream

    @property
    def stream(self) -> Optional[str]:
        return self._stream

    @property
    def connection(self) -> Optional[NatsConnection]:
        return self._connection

    def get_capabilities(self) -> MessagingCapabilities:
        return self.capabilities

    def _option(self, key: str, default: str) -> str:
        return self.config.get_as_nullable_string(f"options.{key}") or default

    @property
    def consumer_name(self) -> str:
        return self._option("consumer", self.config.get_as_nullable_string("options.queue_group") or "pipsvc")

    @property
    def dead_letter_subject(self) -> str:
        return self._option("dead_letter", f"{self._subject}.dead_letter")

    async def _open(self, correlation_id: Optional[str], connection: Any, credential: Any) -> None:
        address = BrokerAddress.resolve(connection, credential, ("nats",), 4222)
        self._subject = self._name or address.destination or ""
        if not self._subject or any(c.isspace() for c in self._subject):
            raise ConfigException(correlation_id, "NO_SUBJECT", "A NATS queue needs a subject: a name or a URI path")
        self._name = self._subject
        self._inbox = Inbox(self.reactor)
        self._connection = NatsConnection(self.reactor, self.logger, address, self._settings, self.get_name())
        self._connection.on_down.append(self._end_pulls)
        await self._connection.start(correlation_id)
        mode = self._option("jetstream", "auto").lower()
        use_jetstream = mode == "true" or (mode == "auto" and bool(self._connection.info.get("jetstream")))
        try:
            if use_jetstream:
                self.capabilities = JETSTREAM
                self._jetstream = JetStream(self._connection, self._settings.connect_timeout_ms)
                self._stream = await self._jetstream.ensure_stream(
                    correlation_id, self._subject, self.config.get_as_nullable_string("options.stream"), {}
                )
            if self.config.get_as_boolean_with_default("options.autosubscribe", False):
                await self._start_receiving(correlation_id)
        except Exception:
            await self._connection.stop()
            raise

    def _end_pulls(self) -> None:
        """Pull requests die with their connection: their waiters get None now and ask again."""
        for finish in list(self._pulls.values()):
            finish()

    async def _close(self, correlation_id: Optional[str]) -> None:
        inbox, self._inbox = self._inbox, None
        if inbox is not None:
            inbox.release_waiting()
            left = inbox.clear()
            if self._jetstream is not None and self._connection is not None and self._connection.is_up:
                for envelope in left:  # give them back now rather than after the lock runs out
                    self._ack(envelope, b"-NAK")
        self._receiving = None
        self._end_pulls()
        if self._connection is not None:
            await self._connection.stop()

    # -- receiving -------------------------------------------------------------------

    def _start_receiving(self, correlation_id: Optional[str]) -> Deferred[None]:
        if self._receiving is None:
            self._receiving = ensureDeferred(self._subscribe(correlation_id))

            def failed(failure: Any) -> Any:
                self._receiving = None
                return failure

            self._receiving.addErrback(failed)
        return self._receiving

    async def _subscribe(self, correlation_id: Optional[str]) -> None:
        assert self._connection is not None
        if self._jetstream is not None:
            assert self._stream is not None
            await self._jetstream.ensure_consumer(correlation_id, self._stream, self.consumer_name, self._subject,
                                                  self._lock_timeout_ms)
        else:
            group = self.config.get_as_nullable_string("options.queue_group")
            self._sid = await self._connection.subscribe(self._subject, group, self._on_message)

    @property
    def _lock_timeout_ms(self) -> int:
        return max(1000, self.config.get_as_integer_with_default("options.lock_timeout", 30000))

    def _on_message(self, message: NatsMessage) -> None:
        if self._inbox is not None:
            self._inbox.put(self._envelope(message))

    def _envelope(self, message: NatsMessage) -> MessageEnvelope:
        headers = message.headers or {}
        envelope = envelope_from_wire(message.data, headers.get("Nats-Msg-Id"))
        envelope.reference = message.reply if self._jetstream is not None else None
        return envelope

    async def _receive(self, correlation_id: Optional[str], wait_ms: int) -> Optional[MessageEnvelope]:
        return await self._take(correlation_id, wait_ms, 1)

    def _next_for_listener(self, correlation_id: Optional[str]) -> Deferred[Optional[MessageEnvelope]]:
        if self._jetstream is None:
            return self._wait_in_inbox(correlation_id)
        if not self._listener_pulling:
            batch = max(1, self.config.get_as_integer_with_default("options.batch", 64))
            try:
                self._pull_into_inbox(correlation_id, batch, self.listen_wait_ms)
            except Exception as e:
                return fail(e)
        return self._wait_in_inbox(correlation_id)

    def _pull_into_inbox(self, correlation_id: Optional[str], batch: int, wait_ms: int) -> None:
        """
        One pull request at a time for the listener: its messages go to the
        inbox, in order; when it ends the listener's wait ends too (with None)
        and it asks again.
        """
        assert self._connection is not None and self._jetstream is not None and self._stream is not None
        connection = self._connection

        def arrived(message: NatsMessage) -> None:
            if message.status is not None:
                if message.status != "100":
                    finish()
                return
            if self._inbox is not None:
                self._inbox.put(self._envelope(message))
            delivered[0] += 1
            if delivered[0] >= batch:  # a fulfilled pull request ends without a status message
                finish()

        def finish() -> None:
            self._listener_pulling = False
            self._pulls.pop(sid, None)
            connection.unsubscribe(sid)
            if timer.active():
                timer.cancel()
            if self._inbox is not None and not len(self._inbox):
                self._inbox.release_waiting()

        delivered = [0]
        reply, sid = connection.subscribe_inbox(correlation_id, arrived)
        timer = self.reactor.callLater(wait_ms / 1000.0 + 2.0, finish)
        self._pulls[sid] = finish
        self._listener_pulling = True
        self._jetstream.pull(correlation_id, self._stream, self.consumer_name, reply, batch, wait_ms)

    async def _take(self, correlation_id: Optional[str], wait_ms: int, batch: int) -> Optional[MessageEnvelope]:
        await self._start_receiving(correlation_id)
        inbox = self._inbox
        assert inbox is not None and self._connection is not None
        if len(inbox) or self._jetstream is None:
            if self._jetstream is None:
                self._connection.require(correlation_id)
            return await inbox.take(wait_ms / 1000.0)
        return await self._pull(correlation_id, inbox, wait_ms, batch)

    def _pull(self, correlation_id: Optional[str], inbox: Inbox[MessageEnvelope], wait_ms: int,
              batch: int) -> Deferred[Optional[MessageEnvelope]]:
        """One pull request: the first message fires the result, the others wait in the inbox."""
        assert self._connection is not None and self._jetstream is not None and self._stream is not None
        connection = self._connection
        result: Deferred[Optional[MessageEnvelope]] = Deferred()

        def arrived(message: NatsMessage) -> None:
            if message.status is not None:
                if message.status != "100":
                    finish()
                return
            envelope = self._envelope(message)
            if not result.called:
                result.callback(envelope)
            elif self._inbox is not None:
                self._inbox.put(envelope)
            else:
                self._ack(envelope, b"-NAK")
            delivered[0] += 1
            if delivered[0] >= batch:  # a fulfilled pull request ends without a status message
                finish()

        def finish() -> None:
            self._pulls.pop(sid, None)
            connection.unsubscribe(sid)
            if timer.active():
                timer.cancel()
            if not result.called:
                result.callback(None)

        delivered = [0]
        reply, sid = connection.subscribe_inbox(correlation_id, arrived)
        timer = self.reactor.callLater(wait_ms / 1000.0 + 2.0, finish)
        self._pulls[sid] = finish
        self._jetstream.pull(correlation_id, self._stream, self.consumer_name, reply, batch, wait_ms)

        def cancelled(failure: Any) -> Any:
            return failure  # the pull stays registered until it ends: late messages go to the inbox

        return result.addErrback(cancelled)

    # -- sending and settling --------------------------------------------------------

    def _send(self, correlation_id: Optional[str], envelope: MessageEnvelope) -> Deferred[None]:
        return self._publish(correlation_id, self._subject, envelope)

    def _send_to(self, correlation_id: Optional[str], destination: str, envelope: MessageEnvelope) -> Deferred[None]:
        assert self._connection is not None
        self._connection.publish(correlation_id, destination, envelope.to_bytes())
        return self._connection.flush(correlation_id)

    def create_reply_queue(self) -> MessageQueue:
        queue = NatsMessageQueue()
        queue.configure(self._reply_config(
            f"{self._subject}.replies.{uuid.uuid4().hex[:12]}", jetstream="false", autosubscribe="true",
        ))
        return queue

    def _publish(self, correlation_id: Optional[str], subject: str, envelope: MessageEnvelope) -> Deferred[None]:
        assert self._connection is not None
        data = envelope.to_bytes()
        if self._jetstream is not None:
            return ensureDeferred(self._jetstream.publish(correlation_id, subject, data, envelope.message_id))
        self._connection.publish(correlation_id, subject, data)
        return self._connection.flush(correlation_id)

    def _ack(self, envelope: MessageEnvelope, kind: bytes) -> None:
        assert self._connection is not None
        reply, envelope.reference = envelope.reference, None
        if reply:
            self._connection.publish(envelope.correlation_id, reply, kind)

    def _settle(self, envelope: MessageEnvelope, kind: bytes) -> Deferred[None]:
        """Writes the acknowledgement; fires once the server has processed it."""
        assert self._connection is not None
        if self._jetstream is None:
            envelope.reference = None
            return succeed(None)
        self._ack(envelope, kind)
        return self._connection.flush(envelope.correlation_id)

    def _complete_for_listener(self, envelope: MessageEnvelope) -> Deferred[None]:
        """
        A listener's ack fires at once: waiting for the server would hold the
        listener for a round trip per message, and an ack lost with the
        connection only means the message comes again.
        """
        if self._jetstream is None or envelope.reference is None or not self._opened:
            return self.complete(envelope)
        self._ack(envelope, b"+ACK")
        return succeed(None)

    def _complete(self, envelope: MessageEnvelope) -> Deferred[None]:
        return self._settle(envelope, b"+ACK")

    def _abandon(self, envelope: MessageEnvelope) -> Deferred[None]:
        return self._settle(envelope, b"-NAK")

    def _renew_lock(self, envelope: MessageEnvelope, lock_timeout_ms: int) -> Deferred[None]:
        assert self._connection is not None
        if envelope.reference:
            self._connection.publish(envelope.correlation_id, envelope.reference, b"+WPI")
        return self._connection.flush(envelope.correlation_id)

    async def _move_to_dead_letter(self, envelope: MessageEnvelope) -> None:
        dead = MessageEnvelope(envelope.correlation_id, envelope.message_type, envelope.message,
                               message_id=envelope.message_id, sent_time=envelope.sent_time,
                               reply_to=envelope.reply_to)
        assert self._connection is not None
        self._connection.publish(envelope.correlation_id, self.dead_letter_subject, dead.to_bytes())
        await self._settle(envelope, b"+TERM")

    async def _read_message_count(self) -> int:
        assert self._jetstream is not None and self._stream is not None
        await self._start_receiving(None)
        return await self._jetstream.pending(None, self._stream, self.consumer_name) + len(self._inbox or ())

    async def _clear(self, correlation_id: Optional[str]) -> None:
        assert self._jetstream is not None and self._stream is not None
        await self._jetstream.purge(correlation_id, self._stream, self._subject)
        if self._inbox is not None:
            for envelope in self._inbox.clear():
                self._ack(envelope, b"+TERM")
