"""
The same properties over a real socket, against the beacons service under
twistd: requests written byte by byte (odd methods, paths, headers, bodies,
garbage), and hostile correlation ids checked in the console log it prints.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st
from twisted.internet.defer import ensureDeferred
from twisted.trial.unittest import TestCase

from pipservices_tx.testing import free_port

from ..support import ROOT, pipsvc
from ._raw_http import http_request, raw_request
from ._support import (
    BEACONS_CONFIG,
    COMMANDS,
    GET_ROUTES,
    CaseCounter,
    command_bodies,
    correlation_ids,
    correlation_problems,
    deep,
    error_problems,
    fuzz_settings,
    quote_correlation_id,
)

LOG_LINE = re.compile(
    r"^\[[\x21-\x7e]{1,256}:(FATAL|ERROR|WARN|INFO|DEBUG|TRACE):\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\] \S"
)
FORGED = "[forged:INFO:2024-01-01T00:00:00.000Z] admin logged in"

tokens = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-!#$%&'*+.^_`|~0123456789",
                 min_size=1, max_size=12)
targets = st.one_of(
    st.sampled_from([f"/v1/beacons/{c}" for c in COMMANDS] + list(GET_ROUTES)),
    st.lists(st.text(max_size=10), max_size=4).map(lambda parts: "/" + "/".join(quote(p) for p in parts)),
).flatmap(lambda path: st.sampled_from([path, path + "?x=1", path + "/", path + "?format=json", path + "?%ff=%00"]))
header_values = st.binary(max_size=60).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))


class _SocketCase(TestCase):
    """
    The beacons service under twistd for each test. The tests themselves are
    synchronous (hypothesis drives them) and block the reactor while they
    talk to the service: it writes its log to a file, so that is fine.
    """

    params: dict[str, str] = {}

    async def setUp(self) -> None:
        self.port = free_port()
        self.server = pipsvc(config=BEACONS_CONFIG, directory=ROOT, timeout=20, parameters={
            "HTTP_HOST": "127.0.0.1", "HTTP_PORT": str(self.port), **self.params}).start(self)
        await self.server.wait_for_http(self.port, "/heartbeat")
        self.counter = CaseCounter(self.id())
        self.addCleanup(self.counter.report)
        # Trial runs cleanups last in, first out, and before tearDown: this one before the kill.
        self.addCleanup(lambda: ensureDeferred(self.finish()))

    async def finish(self) -> None:
        self.assert_still_answering()
        await self.stop_cleanly()

    async def stop_cleanly(self) -> str:
        code = await self.server.stop("TERM", timeout=15)
        output = self.server.out.decode("utf-8", "replace")
        errors = self.server.err.decode("utf-8", "replace")
        self.assertEqual(code, 0, output[-3000:] + errors)
        self.assertEqual(errors.strip(), "", errors)
        self.assertNotIn("Traceback", output)
        return output

    def assert_still_answering(self) -> None:
        self.assertTrue(self.server.running)
        response = http_request(self.port, b"POST", b"/v1/beacons/create_beacon",
                                b'{"beacon": {"site_id": "probe", "udi": "probe"}}')
        self.assertEqual(response.status, 200, response.raw[:300])
        beacon_id = json.loads(response.body)["id"].encode()
        response = http_request(self.port, b"POST", b"/v1/beacons/get_beacon_by_id",
                                b'{"id": "%s"}' % beacon_id)
        self.assertEqual(response.status, 200, response.raw[:300])

    def check(self, status: int, body: bytes, what: str, head: bool = False) -> None:
        self.counter.add(status)
        self.assertNotEqual(status, 0, f"{what}: no answer")
        problems = error_problems(status, body, head=head)
        if problems:
            self.fail(f"{what}: " + "; ".join(problems))


class SocketFuzzTests(_SocketCase):
    @fuzz_settings(100)
    @given(command=st.sampled_from(sorted(COMMANDS)), data=st.data())
    def test_command_bodies(self, command: str, data: Any) -> None:
        body = data.draw(command_bodies(command))
        response = http_request(self.port, b"POST", f"/v1/beacons/{command}".encode(), body)
        self.check(response.status, response.body, f"POST {command} {body[:200]!r}")
        self.assertIn(response.status, (200, 204, 400, 409, 413), response.raw[:300])

    @fuzz_settings(100)
    @given(method=tokens, target=targets, body=st.none() | st.binary(max_size=100),
           headers=st.lists(st.tuples(tokens, header_values), max_size=3))
    def test_methods_targets_and_headers(self, method: str, target: str, body: Any,
                                         headers: list[tuple[str, bytes]]) -> None:
        response = http_request(self.port, method.encode(), target.encode(), body,
                                tuple((name.encode(), value) for name, value in headers))
        what = f"{method} {target} {headers!r}"
        if not response.body and response.status == 400 and b"content-type" not in response.headers:
            # The HTTP parser refused the request itself (bad header, say): an empty 400, nothing reached us.
            self.counter.add(400)
            return
        self.check(response.status, response.body, what, head=method == "HEAD")

    @fuzz_settings(60)
    @given(data=st.binary(min_size=1, max_size=300))
    def test_garbage_bytes(self, data: bytes) -> None:
        response = raw_request(self.port, data, half_close=True)
        self.counter.add(response.status)
        self.assertLess(response.status, 500, response.raw[:300])


class SocketLimitsTests(_SocketCase):
    def test_huge_and_deep_bodies(self) -> None:
        for command, body, expected in (
            ("get_beacons", json.dumps({"filter": {"label": "x" * (2 << 20)}}).encode(), 413),
            ("get_beacon_by_udi", json.dumps({"udi": "x" * 900_000}).encode(), 204),
            ("get_beacons", ('{"filter": %s}' % deep(10_000)).encode(), 400),
        ):
            response = http_request(self.port, b"POST", f"/v1/beacons/{command}".encode(), body)
            self.check(response.status, response.body, f"{command} with {len(body)} bytes")
            self.assertEqual(response.status, expected, response.raw[:300])


class CorrelationIdLogTests(_SocketCase):
    """Correlation ids with CR/LF, escapes or thousands of characters cannot forge or flood log lines."""

    params = {"LOG_LEVEL": "trace"}

    @fuzz_settings(40)
    @given(correlation_id=correlation_ids, where=st.sampled_from(["query", "header"]))
    def test_hostile_ids_in_the_log(self, correlation_id: str, where: str) -> None:
        target = b"/v1/beacons/get_beacon_by_id"
        headers: tuple[tuple[bytes, bytes], ...] = ()
        if where == "query":
            target += b"?correlation_id=" + quote_correlation_id(correlation_id).encode()
        else:
            value = correlation_id.encode("utf-8").replace(b"\r", b"").replace(b"\n", b"")
            headers = ((b"correlation_id", value),)
        response = http_request(self.port, b"POST", target, b'{"id": 1}', headers)
        if response.status == 400 and not response.body and where == "header":
            self.counter.add(400)
            return  # the HTTP parser refused the header itself (a NUL, say): nothing reached a service
        self.check(response.status, response.body, f"cid {correlation_id!r}")
        self.assertEqual(response.status, 400, response.raw[:300])
        self.assertEqual(correlation_problems(json.loads(response.body)["correlation_id"]), [])

    def test_forged_lines(self) -> None:
        for raw in (f"abc\r\n{FORGED}", f"abc\n{FORGED}", f"abc\r{FORGED}", "x" * 5000, f"\x1b[2J{FORGED}"):
            target = b"/v1/beacons/get_beacon_by_id?correlation_id=" + quote_correlation_id(raw).encode()
            response = http_request(self.port, b"POST", target, b'{"id": "1"}')
            self.assertIn(response.status, (200, 204), response.raw[:300])
        # A raw CR/LF in a header ends it: what follows is a header line of its own, never a log line.
        http_request(self.port, b"POST", b"/v1/beacons/get_beacon_by_id", b'{"id": "1"}',
                     ((b"correlation_id", b"abc\r\n" + FORGED.encode()),))

    async def finish(self) -> None:
        self.assert_still_answering()
        output = await self.stop_cleanly()
        lines = output.splitlines()
        self.assertGreater(len([line for line in lines if "Executing v1/beacons.get_beacon_by_id" in line]), 3)
        for line in lines:
            self.assertRegex(line, LOG_LINE)
            self.assertFalse(line.startswith("[forged"), line)
            self.assertLessEqual(len(line.split(":", 1)[0]), 257, line[:300])
            self.assertNotIn("\x1b", line)
