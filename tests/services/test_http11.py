"""
The HTTP/1.1 connection read by llhttp: requests refused by the parser,
smuggling attempts, chunked bodies, head limits, persistence, pipelined
bursts answered in order, requests split byte by byte, and the answer's head.
"""

from __future__ import annotations

import json
from typing import Any

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.refer import References
from pipservices_tx.services import ENDPOINT_DESCRIPTOR, HttpResponse, RestService
from pipservices_tx.services._response_head import http_date, response_head, status_line

from .fake_http import Connection, FakeEndpoint, answers

BAD_REQUEST = b"HTTP/1.1 400 Bad Request\r\n\r\n"


def post(path: str, body: bytes, headers: str = "") -> bytes:
    return f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(body)}\r\n{headers}\r\n".encode() + body


class _Case(SynchronousTestCase):
    def setUp(self) -> None:
        self.fake = FakeEndpoint()
        self.addCleanup(self.fake.close)

    def refused(self, data: bytes) -> Connection:
        client = self.fake.connect()
        client.send(data)
        self.assertEqual(client.read(), BAD_REQUEST, data)
        self.assertTrue(client.closing, data)
        client.send(b"GET /slow/now HTTP/1.1\r\nHost: x\r\n\r\n")  # nothing more is read
        self.assertEqual(client.read(), b"")
        return client


class BadRequestTests(_Case):
    def test_bad_request_lines_are_400_and_close(self) -> None:
        for line in (b"GET\r\n\r\n", b"GET / FOO/1.1\r\n\r\n", b"GET /\r\n\r\n", b"get / HTTP/1.1\r\n\r\n",
                     b"\x00\x01 / HTTP/1.1\r\n\r\n", b"GET / HTTP/1.1\nHost: x\n\n", b"GET / HTTP/2.0\r\n\r\n"):
            self.refused(line)

    def test_bad_headers_are_400_and_close(self) -> None:
        for header in (b"X Y: 1", b"Host : x", b"X: a\x00b", b" X: folded", b"X: a\r\n  b", b"NoColon"):
            self.refused(b"GET /slow/now HTTP/1.1\r\n" + header + b"\r\n\r\n")

    def test_smuggling_attempts_are_400_and_close(self) -> None:
        for headers in (
            b"Content-Length: 3\r\nTransfer-Encoding: chunked",
            b"Transfer-Encoding: chunked\r\nContent-Length: 3",
            b"Content-Length: 3\r\nContent-Length: 3",
            b"Content-Length: 3\r\nContent-Length: 4",
            b"Content-Length: +3",
            b"Content-Length: 3a",
            b"Content-Length: -1",
            b"Transfer-Encoding: gzip, chunked",
            b"Transfer-Encoding: identity",
            b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
        ):
            self.refused(b"POST /slow/now HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n\r\n3\r\n{}\n\r\n0\r\n\r\n")

    def test_a_bad_chunk_is_400_and_close(self) -> None:
        client = self.fake.connect()
        client.send(b"POST /slow/now HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
        self.assertEqual(client.read(), BAD_REQUEST)
        self.assertTrue(client.closing)

    def test_too_many_headers_and_too_large_a_head(self) -> None:
        many = b"".join(b"X-%d: 1\r\n" % i for i in range(501))
        self.refused(b"GET /slow/now HTTP/1.1\r\n" + many + b"\r\n")
        self.refused(b"GET /slow/now HTTP/1.1\r\nX: " + b"a" * 17000 + b"\r\n\r\n")
        self.refused(b"GET /" + b"a" * 17000 + b" HTTP/1.1\r\n\r\n")
        # At the limits, all is well.
        client = self.fake.connect()
        client.send(b"GET /slow/now HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(400)) + b"\r\n")
        self.assertEqual(answers(client.read())[0][0], 200)

    def test_a_header_without_end_is_cut_off_before_it_is_all_kept(self) -> None:
        client = self.fake.connect()
        client.send(b"GET /slow/now HTTP/1.1\r\nX: ")
        for _ in range(20):
            if client.closing:
                break
            client.send(b"a" * 4096)
        self.assertEqual(client.read(), BAD_REQUEST)
        self.assertTrue(client.closing)

    def test_a_bad_request_behind_one_in_flight_is_answered_in_its_turn(self) -> None:
        client = self.fake.connect()
        client.send(b"GET /slow/wait HTTP/1.1\r\nHost: x\r\n\r\nGET\r\n\r\n")
        self.assertEqual(client.read(), b"")
        self.assertFalse(client.closing)
        self.fake.service.pending[0].callback({"done": 1})
        data = client.read()
        self.assertTrue(data.endswith(BAD_REQUEST))
        self.assertEqual(answers(data[:-len(BAD_REQUEST)])[0][2], b'{"done":1}')
        self.assertTrue(client.closing)


class BodyTests(_Case):
    def test_a_chunked_body(self) -> None:
        client = self.fake.connect()
        client.send(b"POST /slow/now HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    b"5\r\n{\"a\":\r\n6;ext=1\r\n1,\"b\":\r\n2\r\n2}\r\n0\r\nTrailer: t\r\n\r\n")
        [(status, _, body)] = answers(client.read())
        self.assertEqual((status, body), (200, b'{"posted":2}'))
        self.assertFalse(client.closing)

    def test_a_chunked_body_over_the_limit_is_413(self) -> None:
        fake = FakeEndpoint(max_request_size=10)
        self.addCleanup(fake.close)
        client = fake.connect()
        client.send(b"POST /slow/now HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    b"8\r\n{\"a\":123\r\n8\r\n45678}  \r\n0\r\n\r\n")
        [(status, _, body)] = answers(client.read())
        self.assertEqual((status, json.loads(body)["code"]), (413, "REQUEST_TOO_LARGE"))

    def test_a_request_split_byte_by_byte(self) -> None:
        client = self.fake.connect()
        data = post("/slow/now", b'{"a":1,"b":2,"c":3}', "X-Extra: yes\r\n") + b"GET /slow/now?x=%20 HTTP/1.1\r\n\r\n"
        for i in range(len(data)):
            client.send(data[i:i + 1])
        [first, second] = answers(client.read())
        self.assertEqual((first[0], first[2], second[0], second[2]), (200, b'{"posted":3}', 200, b'{"now":true}'))


class PersistenceTests(_Case):
    def test_http_1_0_is_answered_then_closed(self) -> None:
        client = self.fake.connect()
        client.send(b"GET /slow/now HTTP/1.0\r\n\r\nGET /slow/now HTTP/1.0\r\n\r\n")
        data = client.read()
        self.assertTrue(data.startswith(b"HTTP/1.0 200 OK\r\n"))
        self.assertEqual(len(answers(data)), 1)
        self.assertTrue(client.closing)

    def test_connection_close_is_honoured_and_what_follows_is_not_read(self) -> None:
        client = self.fake.connect()
        client.send(b"GET /slow/now HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\nGET /slow/now HTTP/1.1\r\n\r\n")
        [(status, headers, _)] = answers(client.read())
        self.assertEqual((status, headers["connection"]), (200, "close"))
        self.assertTrue(client.closing)

    def test_keep_alive_by_default(self) -> None:
        client = self.fake.connect()
        for _ in range(3):
            client.get("/slow/now", "Connection: keep-alive\r\n")
            self.assertEqual(answers(client.read())[0][0], 200)
        self.assertFalse(client.closing)

    def test_head_answers_without_a_body(self) -> None:
        client = self.fake.connect()
        client.send(b"HEAD /slow/now HTTP/1.1\r\nHost: x\r\n\r\nGET /slow/now HTTP/1.1\r\n\r\n")
        data = client.read()
        head, _, rest = data.partition(b"\r\n\r\n")
        self.assertIn(b"Content-Length: 12\r\n", head + b"\r\n")
        self.assertTrue(rest.startswith(b"HTTP/1.1 200 OK"))
        self.assertEqual(answers(rest)[0][2], b'{"now":true}')

    def test_an_upgrade_is_answered_as_a_plain_request(self) -> None:
        client = self.fake.connect()
        client.send(b"GET /slow/now HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    b"HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\nGET /slow/now HTTP/1.1\r\n\r\n")
        self.assertEqual([a[0] for a in answers(client.read())], [200, 200])
        self.refused(b"POST /slow/now HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 2\r\n\r\n{}")


class PipeliningTests(_Case):
    def test_a_burst_in_one_packet_is_answered_in_order(self) -> None:
        client = self.fake.connect()
        client.send(b"GET /slow/wait HTTP/1.1\r\n\r\n" + post("/slow/now", b'{"a":1}') + b"GET /slow/none HTTP/1.1\r\n\r\n"
                    + b"GET /slow/now HTTP/1.1\r\n\r\n" + post("/slow/now", b'{"a":1,"b":2}'))
        self.assertEqual(client.read(), b"")
        self.assertEqual(len(self.fake.service.pending), 1)
        self.fake.service.pending[0].callback({"first": True})
        got = [(status, body) for status, _, body in answers(client.read())]
        self.assertEqual([status for status, _ in got], [200, 200, 404, 200, 200])
        self.assertEqual([body for _, body in got if b"code" not in body],
                         [b'{"first":true}', b'{"posted":1}', b'{"now":true}', b'{"posted":2}'])
        self.assertFalse(client.closing)

    def test_100_continue_waits_for_the_answers_before_it(self) -> None:
        client = self.fake.connect()
        client.send(b"GET /slow/wait HTTP/1.1\r\n\r\n"
                    b"POST /slow/now HTTP/1.1\r\nContent-Length: 7\r\nExpect: 100-continue\r\n\r\n")
        self.assertEqual(client.read(), b"")
        self.fake.service.pending[0].callback({"first": True})
        data = client.read()
        self.assertTrue(data.endswith(b"HTTP/1.1 100 Continue\r\n\r\n"))
        self.assertEqual(answers(data[:-len(b"HTTP/1.1 100 Continue\r\n\r\n")])[0][2], b'{"first":true}')
        client.send(b'{"a":1}')
        self.assertEqual(answers(client.read())[0][2], b'{"posted":1}')

    def test_a_pipelined_head_is_not_cut_off_while_the_one_before_is_answered(self) -> None:
        fake = FakeEndpoint(header_timeout=0.5)
        self.addCleanup(fake.close)
        client = fake.connect()
        client.send(b"GET /slow/wait HTTP/1.1\r\n\r\nGET /slow/now HTTP/1.1\r\nX-Slow: 1\r\n")
        fake.advance(2)
        self.assertFalse(client.closing)
        fake.service.pending[0].callback({"first": True})
        self.assertEqual(len(answers(client.read())), 1)
        fake.advance(1)  # now it is its turn: its head is late
        self.assertTrue(client.closing)
        self.assertTrue(client.read().startswith(b"HTTP/1.1 408"))

    def test_a_client_pipelining_without_end_is_paused_while_one_is_answered(self) -> None:
        client = self.fake.connect()
        client.get("/slow/wait")
        sent = 0
        while client.transport.producerState != "paused" and sent < 1000:
            client.get("/slow/now", "X-Pad: %s\r\n" % ("x" * 100))
            sent += 1
        self.assertLess(sent * 140, 2 * 16384)  # twisted.web's eager read size, and one more read
        self.fake.service.pending[0].callback({"first": True})
        self.assertEqual(client.transport.producerState, "producing")
        self.assertEqual(len(answers(client.read())), 1 + sent)


    def test_a_half_close_behind_pipelined_requests_answers_the_one_in_flight_then_closes(self) -> None:
        client = self.fake.connect()
        client.send(b"GET /slow/wait HTTP/1.1\r\n\r\nGET /slow/now HTTP/1.1\r\n\r\n")
        client.channel.readConnectionLost()
        self.assertFalse(client.closing)
        self.fake.service.pending[0].callback({"first": True})
        self.assertEqual([body for _, _, body in answers(client.read())], [b'{"first":true}'])
        self.assertTrue(client.closing)


class RequestTests(_Case):
    def test_our_requests_start_as_twisted_web_makes_them(self) -> None:
        from twisted.web.server import Request

        from pipservices_tx.services._http_request import LimitedRequest

        channel = self.fake.connect().channel
        ours, theirs = LimitedRequest(channel), LimitedRequest.__new__(LimitedRequest)
        Request.__init__(theirs, channel)
        self.assertEqual(sorted(vars(ours)), sorted(vars(theirs)))
        for name, value in vars(theirs).items():
            if name not in ("notifications", "requestHeaders", "responseHeaders", "received_cookies", "cookies",
                            "_adapterCache"):
                self.assertEqual(getattr(ours, name), value, name)
        self.assertEqual((ours.requestHeaders, ours.responseHeaders), (theirs.requestHeaders, theirs.responseHeaders))


class ResponseHeadTests(SynchronousTestCase):
    def test_the_head_of_an_answer(self) -> None:
        head = response_head(b"HTTP/1.1", 404, None, {b"Content-Length": [b"2"], b"Set-Cookie": [b"a=1", b"b=2"]})
        self.assertEqual(head, b"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\nSet-Cookie: a=1\r\n"
                               b"Set-Cookie: b=2\r\n\r\n")
        self.assertEqual(status_line(b"HTTP/1.0", 799), b"HTTP/1.0 799 Unknown Status\r\n")
        self.assertEqual(status_line(b"HTTP/1.1", 200, b"Fine"), b"HTTP/1.1 200 Fine\r\n")

    def test_the_date_is_an_http_date(self) -> None:
        from email.utils import parsedate_to_datetime

        self.assertEqual(parsedate_to_datetime(http_date().decode()).tzname(), "UTC")

    def test_our_answers_are_those_of_twisted_web(self) -> None:
        fake = FakeEndpoint()
        self.addCleanup(fake.close)
        client = fake.connect()
        client.get("/slow/now", "Origin: http://a\r\n")
        [(status, headers, body)] = answers(client.read())
        expected: dict[str, Any] = {
            "server": headers["server"], "date": headers["date"], "access-control-allow-origin": "*",
            "cache-control": "no-cache, no-store, must-revalidate", "content-type": "application/json",
            "content-length": "12"}
        self.assertEqual((status, headers, body), (200, expected, b'{"now":true}'))
        self.assertTrue(headers["server"].startswith("TwistedWeb/"))


class _PatternedService(RestService):
    base_route = "things"

    def register(self) -> None:
        self.register_route("GET", "/<thing_id>", lambda request, thing_id: {"id": thing_id, "x": request.args[b"x"][0].decode()})
        self.register_route("GET", "/<thing_id>/page", lambda request, thing_id: HttpResponse("<p>hi</p>", "text/html"))


class KleinRouteTests(_Case):
    def test_patterned_routes_get_our_requests_through_klein(self) -> None:
        service = _PatternedService()
        service.set_references(References.from_tuples(ENDPOINT_DESCRIPTOR, self.fake.endpoint))
        service.open(None)
        self.addCleanup(service.close, None)
        client = self.fake.connect()
        client.send(b"GET /things/a%20b?x=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /things/7/page HTTP/1.1\r\n\r\n"
                    b"DELETE /things/7 HTTP/1.1\r\n\r\n")
        [(s1, _, b1), (s2, h2, b2), (s3, h3, _)] = answers(client.read())
        self.assertEqual((s1, json.loads(b1)), (200, {"id": "a b", "x": "1"}))
        self.assertEqual((s2, h2["content-type"], b2), (200, "text/html", b"<p>hi</p>"))
        self.assertEqual((s3, h3["allow"]), (405, "GET, HEAD"))
