"""MessageEnvelope: its JSON form, and clear errors for every malformed one."""

from __future__ import annotations

import base64
import datetime
import json

from twisted.trial import unittest

from pipservices_tx.errors import BadRequestException
from pipservices_tx.messaging import MAX_ENVELOPE_BYTES, MessageEnvelope, envelope_from_wire


class EnvelopeTests(unittest.TestCase):
    def test_json_form(self) -> None:
        sent = datetime.datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=datetime.timezone.utc)
        envelope = MessageEnvelope("c", "t", {"a": [1, 2]}, message_id="m1", sent_time=sent)
        self.assertEqual(envelope.to_json(), {
            "message_id": "m1", "correlation_id": "c", "message_type": "t",
            "sent_time": "2024-05-01T12:00:00.123Z", "message": base64.b64encode(b'{"a":[1,2]}').decode(),
        })
        self.assertEqual(len(MessageEnvelope().message_id), 32)

    def test_payload_kinds(self) -> None:
        self.assertEqual(MessageEnvelope(None, None, b"\x00\xff").message, b"\x00\xff")
        self.assertEqual(MessageEnvelope(None, None, "é").message, "é".encode())
        self.assertEqual(MessageEnvelope(None, None, 5).get_message_as_json(), 5)
        self.assertIsNone(MessageEnvelope().to_json()["message"])
        self.assertIsNone(MessageEnvelope.from_json(MessageEnvelope().to_bytes()).message)

    def test_round_trip(self) -> None:
        envelope = MessageEnvelope("c", "t", "x", reply_to="r")
        back = MessageEnvelope.from_json(envelope.to_bytes())
        self.assertEqual((back.message_id, back.correlation_id, back.message_type, back.message, back.reply_to),
                         (envelope.message_id, "c", "t", b"x", "r"))

    def test_times_with_offsets_or_none_are_utc(self) -> None:
        for text, expected in (
            ("2024-05-01T14:00:00+02:00", datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.timezone.utc)),
            ("2024-05-01T12:00:00", datetime.datetime(2024, 5, 1, 12, tzinfo=datetime.timezone.utc)),
        ):
            parsed = MessageEnvelope.from_json({"message_id": "1", "sent_time": text}).sent_time
            self.assertEqual(parsed, expected)
        self.assertIsNone(MessageEnvelope.from_json({"message_id": "1"}).sent_time)

    def test_malformed_envelopes_are_bad_requests(self) -> None:
        for value in (
            b"not json", b"[1, 2]", b'"text"', b"\xff\xfe", b"[" * 100000,
            {"message": 5}, {"message": "***not base64***"}, {"sent_time": "yesterday"}, {"sent_time": 5},
            {"message_type": {"a": 1}}, {"correlation_id": [1]}, {"message_id": True},
        ):
            with self.assertRaises(BadRequestException, msg=repr(value)[:60]) as context:
                MessageEnvelope.from_json(value)  # type: ignore[arg-type]
            self.assertEqual(context.exception.code, "BAD_ENVELOPE")

    def test_huge_envelopes_are_refused_before_parsing(self) -> None:
        with self.assertRaises(BadRequestException) as context:
            MessageEnvelope.from_json(b" " * (MAX_ENVELOPE_BYTES + 1))
        self.assertEqual(context.exception.details["size"], MAX_ENVELOPE_BYTES + 1)

    def test_non_json_values_are_bad_messages(self) -> None:
        for value in (float("nan"), float("-inf"), 1e400, {"x": {1, 2}}):
            with self.assertRaises(BadRequestException) as context:
                MessageEnvelope(None, "t", value)
            self.assertEqual(context.exception.code, "BAD_MESSAGE")
        with self.assertRaises(BadRequestException):
            MessageEnvelope(None, "t", b"{broken").get_message_as_json()

    def test_foreign_messages_become_payloads(self) -> None:
        envelope = envelope_from_wire(b'{"temperature": 21}', "id-7")
        self.assertEqual((envelope.message_id, envelope.message_type), ("id-7", None))
        self.assertEqual(envelope.get_message_as_json(), {"temperature": 21})
        self.assertEqual(envelope_from_wire(b"raw bytes").message, b"raw bytes")
        wrapped = envelope_from_wire(json.dumps(MessageEnvelope("c", "t", 1, message_id="m").to_json()).encode())
        self.assertEqual((wrapped.message_id, wrapped.message_type), ("m", "t"))
