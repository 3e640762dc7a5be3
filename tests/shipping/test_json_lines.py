"""
What TcpJsonLogger writes, read the way Logstash's C{tcp} input with the
C{json_lines} codec reads it. No Logstash server installs here, so
L{JsonLinesCodec} follows the codec's rules (logstash-codec-json_lines and
LogStash::Event.from_json): the stream is cut at each newline, a partial
line waits for the rest, each line is converted from UTF-8 (bad bytes are
replaced), a blank line is skipped, a line that is not a JSON object or list
becomes a C{message} tagged C{_jsonparsefailure}, an C{@timestamp} that is
not ISO 8601 is moved to C{_@timestamp} and tagged C{_timestampparsefailure},
and C{tags} must be strings.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from twisted.internet.error import ConnectionDone
from twisted.internet.testing import MemoryReactorClock, StringTransport
from twisted.python.failure import Failure
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.errors import NotFoundException
from pipservices_tx.logs import LogEntry, LogLevel
from pipservices_tx.shipping import TcpJsonLogger, encode_json_line

_ISO8601 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$")


class JsonLinesCodec:
    """The decoding half of the json_lines codec, as a test oracle."""

    def __init__(self) -> None:
        self._pending = b""

    def decode(self, data: bytes) -> list[dict[str, Any]]:
        lines = (self._pending + data).split(b"\n")
        self._pending = lines.pop()
        events: list[dict[str, Any]] = []
        for raw in lines:
            text = raw.decode("utf-8", errors="replace")
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except ValueError:
                events.append({"message": text, "tags": ["_jsonparsefailure"]})
                continue
            items = value if isinstance(value, list) else [value]
            for item in items:
                events.append(self._event(item, text))
        return events

    @staticmethod
    def _event(value: Any, text: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            return {"message": text, "tags": ["_jsonparsefailure"]}
        event = dict(value)
        tags = event.get("tags", [])
        if isinstance(tags, str):
            tags = [tags]
        if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
            tags = ["_tagsparsefailure"]
        stamp = event.get("@timestamp")
        if stamp is not None and not (isinstance(stamp, str) and _ISO8601.match(stamp)):
            event["_@timestamp"] = event.pop("@timestamp")
            tags = [*tags, "_timestampparsefailure"]
        if any("[" in key or "]" in key for key in event):
            tags = [*tags, "_fieldreferenceparsefailure"]
        if tags:
            event["tags"] = tags
        return event


def _raise(error: BaseException) -> BaseException:
    try:
        raise error
    except BaseException as caught:
        return caught


class CodecRulesTests(SynchronousTestCase):
    def test_the_oracle_flags_what_logstash_flags(self) -> None:
        codec = JsonLinesCodec()
        events = codec.decode(b'not json\n"a string"\n{"@timestamp": "yesterday"}\n\n{"a": 1}\n{"b"')
        self.assertEqual([event.get("tags") for event in events],
                         [["_jsonparsefailure"], ["_jsonparsefailure"], ["_timestampparsefailure"], None])
        self.assertEqual(codec.decode(b': 2}\n'), [{"b": 2}])

    def test_entries_decode_cleanly_in_any_chunking(self) -> None:
        when = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone.utc)
        entries = [
            LogEntry(LogLevel.INFO, "c1", None, "first line\nsecond line \u00e9\u4e2d", "comp", "beacons", when),
            LogEntry(LogLevel.ERROR, None, _raise(NotFoundException("c2", "NO_BEACON", "no beacon 7")),
                     "lookup failed", None, "beacons", when),
            LogEntry(LogLevel.WARN, None, None, "lone surrogate \udcff here", None, None, when),
            LogEntry(LogLevel.DEBUG, None, None, "tags [x] and {braces} and \"quotes\"", None, None, when),
        ]
        stream = b"".join(encode_json_line(entry) for entry in entries)
        self.assertEqual(stream.count(b"\n"), len(entries))
        for size in (1, 7, 64, len(stream)):
            codec = JsonLinesCodec()
            events = [event for start in range(0, len(stream), size)
                      for event in codec.decode(stream[start:start + size])]
            self.assertEqual(len(events), len(entries))
            for event in events:
                self.assertNotIn("tags", event)
                self.assertEqual(event["@timestamp"], "2024-05-06T07:08:09.123Z")
                self.assertEqual(event["@version"], "1")
            self.assertEqual(events[0]["message"], "first line\nsecond line \u00e9\u4e2d")
            self.assertEqual((events[0]["level"], events[0]["correlation_id"], events[0]["source"]),
                             ("INFO", "c1", "beacons"))
            error = events[1]["error"]
            self.assertEqual((error["type"], error["code"]), ("NotFoundException", "NO_BEACON"))
            self.assertIn("no beacon 7", error["message"])
            self.assertIn("Traceback", error["stack_trace"])
            self.assertEqual(events[2]["message"], "lone surrogate ? here")


class ShipperTests(SynchronousTestCase):
    def test_every_connection_carries_whole_lines(self) -> None:
        reactor = MemoryReactorClock()
        logger = TcpJsonLogger()
        logger.set_reactor(reactor)
        logger.configure(ConfigParams({"endpoint": "tcp:host=logs:port=5000", "options.reconnect_delay": "100"}))
        self.successResultOf(logger.open(None))
        streams = []
        for attempt in range(2):
            protocol = reactor.tcpClients[attempt][2].buildProtocol(None)
            transport = StringTransport()
            protocol.makeConnection(transport)
            for n in range(3):
                logger.info(f"c{n}", "connection %d entry %d", attempt, n)
            protocol.connectionLost(Failure(ConnectionDone()))
            logger.info(None, "while away %d", attempt)
            reactor.advance(5)  # reconnects after its back-off
            streams.append(transport.value())
        codec = JsonLinesCodec()
        first = codec.decode(streams[0])
        self.assertEqual(codec.decode(b""), [])  # nothing left half-written
        second = JsonLinesCodec().decode(streams[1])
        self.assertEqual([event["message"] for event in first], [f"connection 0 entry {n}" for n in range(3)])
        self.assertEqual([event["message"] for event in second],
                         ["while away 0", *(f"connection 1 entry {n}" for n in range(3))])
        self.assertTrue(all("tags" not in event for event in first + second))
        self.successResultOf(logger.close(None))
