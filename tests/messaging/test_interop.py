"""MessageEnvelope and pip-services3-messaging's MessageEnvelope read each other's JSON."""

from __future__ import annotations

import datetime
import json

from twisted.trial import unittest

from pipservices_tx.messaging import MessageEnvelope

try:
    from pip_services3_messaging.queues import MessageEnvelope as Pips3Envelope
except ImportError:  # pragma: no cover - the dev extra installs it
    Pips3Envelope = None


class Pips3EnvelopeInteropTests(unittest.TestCase):
    def setUp(self) -> None:
        if Pips3Envelope is None:
            self.fail("pip-services3-messaging is not installed (python -m pip install '.[dev]')")

    def test_same_keys(self) -> None:
        theirs = Pips3Envelope("cid", "t", {"a": 1}).to_json()
        ours = MessageEnvelope("cid", "t", {"a": 1}).to_json()
        self.assertEqual(set(ours), set(theirs))

    def test_ours_read_by_pip_services3(self) -> None:
        sent = datetime.datetime(2024, 5, 1, 12, 30, 15, 123000, tzinfo=datetime.timezone.utc)
        ours = MessageEnvelope("cid-1", "beacon_created", {"id": "1", "udi": "日本"}, sent_time=sent)
        theirs = Pips3Envelope.from_json(json.dumps(ours.to_json()))
        self.assertEqual(theirs.message_id, ours.message_id)
        self.assertEqual(theirs.correlation_id, "cid-1")
        self.assertEqual(theirs.message_type, "beacon_created")
        self.assertEqual(theirs.get_message_as(), {"id": "1", "udi": "日本"})
        self.assertEqual(theirs.sent_time, sent)

    def test_pip_services3_read_by_ours(self) -> None:
        theirs = Pips3Envelope("cid-2", "beacon_updated", {"id": "2", "radius": 70.5})
        theirs.sent_time = datetime.datetime(2024, 5, 1, 12, 30, 15, 123456)
        ours = MessageEnvelope.from_json(json.dumps(theirs.to_json()))
        self.assertEqual(ours.message_id, theirs.message_id)
        self.assertEqual(ours.correlation_id, "cid-2")
        self.assertEqual(ours.message_type, "beacon_updated")
        self.assertEqual(ours.get_message_as_json(), {"id": "2", "radius": 70.5})
        self.assertEqual(ours.sent_time, datetime.datetime(2024, 5, 1, 12, 30, 15, 123456,
                                                           tzinfo=datetime.timezone.utc))

    def test_round_trip_both_ways(self) -> None:
        ours = MessageEnvelope(None, "raw", "plain text ünïcödé")
        back = MessageEnvelope.from_json(json.dumps(Pips3Envelope.from_json(json.dumps(ours.to_json())).to_json()))
        self.assertEqual((back.message_id, back.message_type, back.message), (ours.message_id, "raw", ours.message))
        self.assertIsNone(back.correlation_id)

    def test_reply_to_is_ignored_by_pip_services3(self) -> None:
        ours = MessageEnvelope("c", "add", {"a": 1}, reply_to="replies.1")
        self.assertEqual(ours.to_json()["reply_to"], "replies.1")
        self.assertEqual(Pips3Envelope.from_json(json.dumps(ours.to_json())).get_message_as(), {"a": 1})
