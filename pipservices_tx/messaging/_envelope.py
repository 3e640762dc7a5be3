# -*- test-case-name: tests.messaging.test_envelope -*-
"""MessageEnvelope: a message with its id, type, correlation id and time, in the pip-services JSON form."""

from __future__ import annotations

import base64
import binascii
import datetime
import itertools
import json
import os
import re
from json.encoder import encode_basestring
from typing import Any, Mapping, Optional, Union

from ..errors import BadRequestException

#: The largest serialized envelope L{MessageEnvelope.from_json} reads (bytes).
MAX_ENVELOPE_BYTES = 16 * 1024 * 1024

# One encoder for every message: json.dumps with options builds a new one per call.
_encode_json = json.JSONEncoder(allow_nan=False, separators=(",", ":"), ensure_ascii=False).encode
# json.loads of a str without its checks and dispatch: what envelope_from_wire reads with.
_decode_json = json.JSONDecoder().decode
# What base64.b64decode(validate=True) accepts, checked without its wrapping.
_BASE64 = re.compile(rb"[A-Za-z0-9+/]*={0,2}")
_UTC = datetime.timezone.utc

# Message ids: 32 hex digits like a uuid4's, a random prefix per process and a counter,
# unique without the cost of a uuid per message.
_ID_PREFIX = os.urandom(8).hex()
_ID_COUNTER = itertools.count(int.from_bytes(os.urandom(4), "big"))


def new_message_id() -> str:
    """A new message id: 32 hex digits, unique across processes."""
    return f"{_ID_PREFIX}{next(_ID_COUNTER) & 0xFFFFFFFFFFFFFFFF:016x}"


def _quoted(value: Optional[str]) -> str:
    return "null" if value is None else encode_basestring(value)


def _bad(message: str, **details: Any) -> BadRequestException:
    error = BadRequestException(None, "BAD_ENVELOPE", f"Malformed message envelope: {message}")
    for key, value in details.items():
        error.with_details(key, value)
    return error


def format_sent_time(value: datetime.datetime) -> str:
    """UTC ISO 8601 with milliseconds and a C{Z}: C{2024-05-01T12:00:00.123Z}."""
    if value.tzinfo is _UTC:
        value = value.replace(tzinfo=None)
    elif value.tzinfo is not None:
        if value.utcoffset():
            value = value.astimezone(datetime.timezone.utc)
        value = value.replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds") + "Z"


def parse_sent_time(value: Any) -> Optional[datetime.datetime]:
    """An ISO 8601 time (C{Z}, an offset or none, read as UTC), or None when absent."""
    if value is None or value == "":
        return None
    if value.__class__ is not str and not isinstance(value, str):
        raise _bad("sent_time is not a string", sent_time=repr(value)[:100])
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        try:  # before Python 3.11 fromisoformat does not take a Z
            parsed = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError as e:
            raise _bad("sent_time is not an ISO 8601 time", sent_time=value[:100]) from e
    return parsed.replace(tzinfo=_UTC) if parsed.tzinfo is None else parsed


def _decode_base64(payload: Any) -> bytes:
    """C{base64.b64decode(payload, validate=True)} without its dispatch; BAD_ENVELOPE when it is not base64."""
    if not isinstance(payload, str):
        raise _bad("message is not a base64 string", field="message")
    try:
        data = payload.encode("ascii")
        if _BASE64.fullmatch(data) is None:
            raise ValueError("not base64 digits")
        return binascii.a2b_base64(data)
    except (binascii.Error, ValueError) as e:
        raise _bad("message is not base64", field="message") from e


def _optional_text(json_value: Mapping[str, Any], key: str) -> Optional[str]:
    value = json_value.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    raise _bad(f"{key} is not a string", field=key)


class MessageEnvelope:
    """
    A message and what travels with it: C{message_id} (generated), C{correlation_id}
    (the trace id of the business call), C{message_type} (what the message is,
    e.g. an event or command name), C{sent_time} (set by the queue on send) and
    C{message}, the payload as bytes (a str is stored as UTF-8, any other value
    as its JSON).

    L{to_json} and L{from_json} use the JSON form of pip-services3-messaging,
    so envelopes cross between the two: C{{"message_id", "correlation_id",
    "message_type", "sent_time", "message"}} with the payload in base64 and the
    time in ISO 8601. C{reply_to} (the queue a reply goes to, used by commands
    over queues) is added to the JSON only when set; pip-services3 ignores it.

    C{reference} is the queue's lock on a received message: pass the envelope
    back to C{complete}, C{abandon}, C{renew_lock} or C{move_to_dead_letter}.
    """

    __slots__ = ("message_id", "correlation_id", "message_type", "sent_time", "message", "reply_to", "reference")

    def __init__(
        self,
        correlation_id: Optional[str] = None,
        message_type: Optional[str] = None,
        message: Any = None,
        *,
        message_id: Optional[str] = None,
        sent_time: Optional[datetime.datetime] = None,
        reply_to: Optional[str] = None,
    ) -> None:
        self.message_id: str = message_id or new_message_id()
        self.correlation_id = correlation_id
        self.message_type = message_type
        self.sent_time = sent_time
        self.reply_to = reply_to
        self.reference: Any = None
        self.message: Optional[bytes] = None
        if isinstance(message, (bytes, bytearray, memoryview)):
            self.message = bytes(message)
        elif isinstance(message, str):
            self.message = message.encode("utf-8")
        elif message is not None:
            self.set_message_as_json(message)

    # -- the payload ---------------------------------------------------------------

    def get_message_as_string(self) -> Optional[str]:
        """The payload as UTF-8 text (undecodable bytes replaced), or None."""
        return None if self.message is None else self.message.decode("utf-8", errors="replace")

    def get_message_as_json(self) -> Any:
        """The payload parsed as JSON; a BadRequestException C{BAD_MESSAGE} when it is not JSON."""
        if self.message is None:
            return None
        try:
            return json.loads(self.message)
        except ValueError as e:
            raise BadRequestException(
                self.correlation_id, "BAD_MESSAGE", f"Message {self.message_id} is not JSON: {e}"
            ).with_details("message_type", self.message_type) from e

    def set_message_as_json(self, value: Any) -> None:
        """Stores C{value} as its JSON (NaN and infinities are refused: they are not JSON)."""
        try:
            self.message = _encode_json(value).encode("utf-8")
        except (TypeError, ValueError, RecursionError) as e:
            raise BadRequestException(
                self.correlation_id, "BAD_MESSAGE", f"Message is not JSON-serializable: {e}"
            ).with_details("message_type", self.message_type) from e

    # -- the wire form -------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The JSON object of pip-services3-messaging (C{sent_time} is now when unset)."""
        sent = self.sent_time or datetime.datetime.now(datetime.timezone.utc)
        result: dict[str, Any] = {
            "message_id": self.message_id,
            "correlation_id": self.correlation_id,
            "message_type": self.message_type,
            "sent_time": format_sent_time(sent),
            "message": None if self.message is None else base64.b64encode(self.message).decode("ascii"),
        }
        if self.reply_to is not None:
            result["reply_to"] = self.reply_to
        return result

    def to_bytes(self) -> bytes:
        """L{to_json} as UTF-8 JSON: what the brokers carry."""
        sent = self.sent_time or datetime.datetime.now(_UTC)
        message = self.message
        correlation_id = self.correlation_id
        message_type = self.message_type
        text = (
            f'{{"message_id":{encode_basestring(self.message_id)},"correlation_id":'
            f'{"null" if correlation_id is None else encode_basestring(correlation_id)},"message_type":'
            f'{"null" if message_type is None else encode_basestring(message_type)},'
            f'"sent_time":"{format_sent_time(sent)}","message":'
            + ("null" if message is None else f'"{binascii.b2a_base64(message, newline=False).decode("ascii")}"')
            + ("}" if self.reply_to is None else f',"reply_to":{_quoted(self.reply_to)}}}')
        )
        return text.encode("utf-8")

    @classmethod
    def from_json(cls, value: Union[str, bytes, Mapping[str, Any]]) -> MessageEnvelope:
        """
        Reads L{to_json}'s form, as a map or as JSON text. Anything else (not
        JSON, not an object, a field of the wrong type, a payload that is not
        base64, more than L{MAX_ENVELOPE_BYTES}) is a BadRequestException
        C{BAD_ENVELOPE}.
        """
        if isinstance(value, (str, bytes, bytearray, memoryview)):
            if len(value) > MAX_ENVELOPE_BYTES:
                raise _bad(f"larger than {MAX_ENVELOPE_BYTES} bytes", size=len(value))
            try:
                value = json.loads(bytes(value) if isinstance(value, memoryview) else value)
            except (ValueError, UnicodeDecodeError, RecursionError) as e:
                raise _bad(f"not JSON ({e})") from e
        if not isinstance(value, Mapping):
            raise _bad("not a JSON object")
        return cls._read(value)

    @classmethod
    def _read(cls, value: Mapping[str, Any]) -> MessageEnvelope:
        """The envelope of a parsed JSON object: each field checked, strings taken as they are."""
        get = value.get
        payload = get("message")
        message_id = get("message_id")
        correlation_id = get("correlation_id")
        message_type = get("message_type")
        reply_to = get("reply_to")
        if message_id.__class__ is not str and message_id is not None:
            message_id = _optional_text(value, "message_id")
        if correlation_id.__class__ is not str and correlation_id is not None:
            correlation_id = _optional_text(value, "correlation_id")
        if message_type.__class__ is not str and message_type is not None:
            message_type = _optional_text(value, "message_type")
        if reply_to.__class__ is not str and reply_to is not None:
            reply_to = _optional_text(value, "reply_to")
        envelope = cls.__new__(cls)
        envelope.message = None if payload is None else _decode_base64(payload)
        envelope.message_id = message_id or new_message_id()
        envelope.correlation_id = correlation_id
        envelope.message_type = message_type
        envelope.sent_time = parse_sent_time(get("sent_time"))
        envelope.reply_to = reply_to
        envelope.reference = None
        return envelope

    def __repr__(self) -> str:
        preview = self.get_message_as_string()
        if preview is not None and len(preview) > 50:
            preview = preview[:50] + "..."
        return f"[{self.correlation_id or '---'},{self.message_type or '---'},{preview if preview else '---'}]"


def envelope_from_wire(data: bytes, message_id: Optional[str] = None) -> MessageEnvelope:
    """
    The envelope a broker message carries (a JSON object with a
    C{message_id}); any other message (sent by another client) becomes the
    payload of a new, untyped envelope.
    """
    if data[:1] == b"{" and len(data) <= MAX_ENVELOPE_BYTES:
        try:
            # UTF-8 as json.loads reads it (a second byte of 0 would be UTF-16: left to json.loads)
            value = _decode_json(data.decode("utf-8", "surrogatepass")) if data[1:2] != b"\0" else json.loads(data)
            if isinstance(value, dict) and "message_id" in value:
                return MessageEnvelope._read(value)
        except (ValueError, RecursionError, BadRequestException):
            pass
    return MessageEnvelope(None, None, data, message_id=message_id)
