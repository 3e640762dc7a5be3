"""
Hypothesis against every beacons route and /status, /heartbeat, /health/*,
through ContainerHarness (no socket): no 500, every error a valid error
JSON, and the service keeps answering. C{FUZZ_EXAMPLES=5000} for a long run.
"""

from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import quote

from hypothesis import example, given
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.services import RestService
from pipservices_tx.testing import ContainerHarness

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
    json_values,
    quote_correlation_id,
    random_methods,
    random_paths,
)

URL = "http://localhost"


class FailingService(RestService):
    """A route that fails on purpose: the one place a 500 is the right answer."""

    base_route = "fuzz"

    def register(self) -> None:
        self.register_route("POST", "/fail", self._fail, name="fail")

    def _fail(self, request: Any) -> Any:
        raise RuntimeError("failing on purpose")


def beacons_harness(test: SynchronousTestCase, extra: str = "") -> ContainerHarness:
    with open(BEACONS_CONFIG, encoding="utf-8") as f:
        text = f.read() + extra
    harness = ContainerHarness.from_yaml(text, {"HTTP_PORT": "0"}, source=BEACONS_CONFIG).start(test)
    for beacon_id, udi in (("1", "00001"), ("2", "00002")):
        status, _ = test.successResultOf(harness.call_command("v1/beacons", "create_beacon", {
            "beacon": {"id": beacon_id, "site_id": "1", "udi": udi,
                       "center": {"type": "Point", "coordinates": [0, 0]}}}))
        test.assertEqual(status, 200)
    return harness


class _FuzzCase(SynchronousTestCase):
    counter: CaseCounter

    def setUp(self) -> None:
        self.harness = beacons_harness(self, '\n- type: "FailingService,tests.fuzz.test_http_fuzz"\n')
        self.counter = CaseCounter(self.id())
        self.addCleanup(self.counter.report)
        # Cleanups run last in, first out: this one before the harness closes.
        self.addCleanup(self.assert_still_answering)

    def send(self, method: str, path: str, body: Optional[bytes] = None,
             correlation_id: Optional[str] = None, content_type: bytes = b"application/json") -> tuple[int, bytes]:
        url = URL + path
        if correlation_id is not None:
            url += ("&" if "?" in url else "?") + "correlation_id=" + quote_correlation_id(correlation_id)
        kwargs: dict[str, Any] = {"headers": {b"content-type": [content_type]}}
        if body is not None:
            kwargs["data"] = body
        response = self.successResultOf(self.harness.http.request(method, url, **kwargs))
        content = self.successResultOf(response.content())
        self.counter.add(response.code)
        return response.code, content

    def check(self, status: int, body: bytes, what: str, allow_500: bool = False, head: bool = False) -> None:
        problems = error_problems(status, body, allow_500, head)
        if problems:
            self.fail(f"{what}: " + "; ".join(problems))

    def assert_still_answering(self) -> None:
        status, body = self.send("POST", "/v1/beacons/create_beacon",
                                 b'{"beacon": {"site_id": "probe", "udi": "probe"}}')
        self.assertEqual(status, 200, body[:300])
        beacon_id = json.loads(body)["id"]
        status, body = self.send("POST", "/v1/beacons/get_beacon_by_id", json.dumps({"id": beacon_id}).encode())
        self.assertEqual(status, 200, body[:300])
        self.assertEqual(json.loads(body)["udi"], "probe", body[:300])
        status, _ = self.send("GET", "/heartbeat")
        self.assertEqual(status, 200)


class CommandFuzzTests(_FuzzCase):
    @fuzz_settings(300)
    @given(command=st.sampled_from(sorted(COMMANDS)), data=st.data())
    def test_commands_never_fail_with_500(self, command: str, data: Any) -> None:
        body = data.draw(command_bodies(command))
        status, content = self.send("POST", f"/v1/beacons/{command}", body)
        self.check(status, content, f"POST {command} {body[:200]!r}")
        if status == 200:
            json.loads(content)
        self.assertIn(status, (200, 204, 400, 409, 413), content[:300])

    @fuzz_settings(100)
    @given(command=st.sampled_from(sorted(COMMANDS)), value=json_values)
    @example(command="get_beacons", value={"filter": {"udis": [[1, 2], {"a": None}]}, "paging": {"take": -1}})
    @example(command="get_beacons", value={"paging": {"skip": "1e400", "take": 10 ** 30}})
    @example(command="get_beacons", value={"paging": {"skip": 2 ** 63, "take": 0}})
    @example(command="calculate_position", value={"site_id": "1", "udis": ["00001", None]})
    def test_any_json_object_as_arguments(self, command: str, value: Any) -> None:
        body = json.dumps(value if isinstance(value, dict) else {"value": value}).encode()
        status, content = self.send("POST", f"/v1/beacons/{command}", body)
        self.flushLoggedErrors()
        self.check(status, content, f"POST {command} {body[:200]!r}")


class RouteFuzzTests(_FuzzCase):
    @fuzz_settings(200)
    @given(method=random_methods, path=random_paths, body=st.none() | st.binary(max_size=64))
    def test_random_methods_and_paths(self, method: str, path: str, body: Optional[bytes]) -> None:
        if path.startswith("/fuzz"):
            path = "/x" + path
        status, content = self.send(method, path, body)
        self.check(status, content, f"{method} {path}", head=method == "HEAD")
        if status >= 400 or method == "HEAD":
            return
        self.assertIn(status, (200, 204), content[:300])

    @fuzz_settings(100)
    @given(path=st.sampled_from(GET_ROUTES), query=st.dictionaries(
        st.sampled_from(["format", "correlation_id", "x", ""]), st.text(max_size=20), max_size=3),
        correlation_id=st.none() | correlation_ids)
    def test_get_routes(self, path: str, query: dict[str, str], correlation_id: Optional[str]) -> None:
        if query:
            path += "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query.items())
        status, content = self.send("GET", path, None, correlation_id)
        self.check(status, content, f"GET {path}")
        self.assertEqual(status, 200, content[:300])

    @fuzz_settings(100)
    @given(command=st.sampled_from(sorted(COMMANDS)), correlation_id=correlation_ids)
    def test_correlation_ids_are_sanitised_in_error_bodies(self, command: str, correlation_id: str) -> None:
        status, content = self.send("POST", f"/v1/beacons/{command}", b'{"id": 1, "udi": [], "beacon": 3}',
                                    correlation_id)
        self.check(status, content, f"POST {command} cid={correlation_id!r}")
        if status >= 400:
            self.assertEqual(correlation_problems(json.loads(content)["correlation_id"]), [])


class FailingRouteTests(_FuzzCase):
    def test_the_checks_see_a_500(self) -> None:
        """The failing route answers 500, which the fuzz checks reject, still with a valid error body."""
        status, content = self.send("POST", "/fuzz/fail", b"{}", "cid-1")
        self.assertEqual(status, 500)
        self.assertTrue(error_problems(status, content))
        self.check(status, content, "POST /fuzz/fail", allow_500=True)
        self.assertEqual(json.loads(content)["message"], "Internal error")
        self.assertEqual(len(self.flushLoggedErrors(RuntimeError)), 1)
        self.assert_still_answering()


class DeepNestingTests(_FuzzCase):
    """
    Deeply nested JSON must be a 400, not a RecursionError (500) in the
    parser or later in FilterParams/validation.
    """

    def assert_rejected(self, command: str, body: str) -> None:
        status, content = self.send("POST", f"/v1/beacons/{command}", body.encode())
        self.flushLoggedErrors(RecursionError)
        self.check(status, content, f"POST {command} nested {len(body) // 2} levels")
        self.assertEqual(status, 400, content[:300])
        self.assert_still_answering()

    def test_ten_thousand_nested_lists_as_the_body(self) -> None:
        self.assert_rejected("get_beacons", deep(10_000))

    def test_ten_thousand_nested_lists_as_an_argument(self) -> None:
        for command, argument in (("get_beacons", "filter"), ("create_beacon", "beacon"),
                                  ("calculate_position", "udis"), ("get_beacon_by_id", "id")):
            self.assert_rejected(command, '{"%s": %s}' % (argument, deep(10_000)))

    def test_nested_objects_just_under_the_parser_limit(self) -> None:
        self.assert_rejected("get_beacons", '{"filter": %s}' % deep(980, "object"))

    def test_nested_lists_in_a_filter_value(self) -> None:
        """json.loads copes with 400 levels; FilterParams' string conversion does not."""
        self.assert_rejected("get_beacons", '{"filter": {"site_id": %s}}' % deep(400))


class LoneSurrogateTests(_FuzzCase):
    """
    C{"\\ud800"} is valid JSON text but no UTF-8 string: stored as is, it made
    every later answer that contains it a 500 (FORMAT_ERROR), for good.
    """

    def test_lone_surrogate_is_refused_and_stores_nothing(self) -> None:
        body = b'{"beacon": {"id": "poison", "site_id": "\\ud800", "udi": "u1"}}'
        status, content = self.send("POST", "/v1/beacons/create_beacon", body)
        self.check(status, content, "create_beacon with a lone surrogate")
        self.assertEqual(status, 400, content[:300])
        status, content = self.send("POST", "/v1/beacons/get_beacons", b"{}")
        self.check(status, content, "get_beacons after it")
        self.assertEqual(status, 200, content[:300])
        status, content = self.send("POST", "/v1/beacons/get_beacon_by_id", b'{"id": "poison"}')
        self.assertEqual(status, 204, content[:300])

    def test_a_surrogate_pair_is_a_character(self) -> None:
        body = b'{"beacon": {"id": "smile", "site_id": "\\ud83d\\ude00", "udi": "u2"}}'
        status, content = self.send("POST", "/v1/beacons/create_beacon", body)
        self.assertEqual(status, 200, content[:300])
        self.assertEqual(json.loads(content)["site_id"], "\U0001f600")


class PatternRouteTests(_FuzzCase):
    """Routes with parameters (C{/swagger/<asset>}) answer JSON errors too, never Klein's HTML."""

    def test_odd_asset_paths(self) -> None:
        for path in ("/swagger/a%2fb", "/swagger/..%2f..%2fetc%2fpasswd", "/swagger/a/", "/swagger/nope.js",
                     "/swagger/%2e%2e", "/swagger//x"):
            status, content = self.send("GET", path)
            self.check(status, content, f"GET {path}")
            self.assertEqual(status, 404, f"GET {path}: {content[:200]!r}")


class HugePagingTests(_FuzzCase):
    """Found by schemathesis: C{paging.skip} of 2**63 or more was a 500 (itertools.islice)."""

    def test_skip_beyond_any_page(self) -> None:
        for skip in (2**63 - 1, 2**63, 2**64 + 5, 10**30):
            for total in (False, True):
                body = json.dumps({"paging": {"skip": skip, "take": 10, "total": total}}).encode()
                status, content = self.send("POST", "/v1/beacons/get_beacons", body)
                self.check(status, content, f"get_beacons skip={skip}")
                self.assertEqual((status, json.loads(content)["data"]), (200, []))
