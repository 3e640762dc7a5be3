"""Acts on the wire: what a seneca client sends, and what it gets back, through a service's resource."""

from __future__ import annotations

import json

from twisted.trial.unittest import TestCase

from pipservices_tx.seneca import SenecaRouter

from ._fakes import MathService, RawActs

#: Headers seneca-transport (seneca 3's default transport) sends with an act.
LEGACY_HEADERS = {"seneca-id": "m1/t1", "seneca-origin": "client-instance", "seneca-kind": "req"}
#: The meta$ seneca's built-in transport puts in an act's body.
META = {"id": "m2/t2", "pattern": "role:math", "sync": True}


class RouterTests(TestCase):
    timeout = 10
    def setUp(self) -> None:
        self.service = MathService()
        self.acts = RawActs(self.service.resource())

    async def test_result_with_the_act_headers_echoed(self) -> None:
        status, headers, body = await self.acts.post({"role": "math", "cmd": "sum", "left": 1, "right": 2},
                                                     headers=LEGACY_HEADERS)
        self.assertEqual((status, body), (200, {"answer": 3}))
        self.assertEqual(headers.getRawHeaders(b"seneca-id"), [b"m1/t1"])
        self.assertEqual(headers.getRawHeaders(b"seneca-origin"), [b"client-instance"])
        self.assertEqual(headers.getRawHeaders(b"seneca-kind"), [b"res"])
        self.assertEqual(headers.getRawHeaders(b"content-type"), [b"application/json"])

    async def test_no_seneca_headers_without_an_act_id(self) -> None:
        _, headers, _ = await self.acts.post({"role": "math", "cmd": "sum", "left": 1, "right": 2})
        self.assertIsNone(headers.getRawHeaders(b"seneca-id"))

    async def test_arguments_leave_out_pattern_correlation_id_and_seneca_fields(self) -> None:
        status, _, body = await self.acts.post({
            "role": "math", "cmd": "echo", "correlation_id": "c1", "x": 1, "custom$": {}, "transport$": {},
            "meta$": META, "nested": {"a$": 1},
        })
        self.assertEqual(status, 200)
        self.assertEqual(body["args"], {"x": 1, "nested": {"a$": 1}})
        self.assertEqual(body["correlation_id"], "c1")

    async def test_query_parameters_join_the_act(self) -> None:
        _, _, body = await self.acts.post({"role": "math", "x": "body"}, path="/act?cmd=echo&x=query&correlation_id=q1")
        self.assertEqual((body["args"], body["correlation_id"]), ({"x": "query"}, "q1"))
        _, _, body = await self.acts.post(b"", path="/act?role=math&cmd=echo&y=1", method="GET")
        self.assertEqual(body["args"], {"y": "1"})

    async def test_correlation_ids_are_sanitized(self) -> None:
        _, _, body = await self.acts.post({"role": "math", "cmd": "echo", "correlation_id": "a b\r\nc" + "x" * 300})
        self.assertEqual(body["correlation_id"], "abc" + "x" * 253)
        for clean in ("c-1", "y" * 64, "z" * 200):
            _, _, body = await self.acts.post({"role": "math", "cmd": "echo", "correlation_id": clean})
            self.assertEqual(body["correlation_id"], clean)
        _, _, body = await self.acts.post({"role": "math", "cmd": "echo", "correlation_id": "caf\u00e9\x7f"})
        self.assertEqual(body["correlation_id"], "caf")
        _, _, body = await self.acts.post({"role": "math", "cmd": "echo", "correlation_id": " \t"},
                                          path="/act?correlation_id=q2")
        self.assertEqual(body["correlation_id"], "q2")

    async def test_meta_comes_back_for_the_builtin_transport(self) -> None:
        _, _, body = await self.acts.post({"role": "math", "cmd": "sum", "left": 1, "right": 2, "meta$": META})
        self.assertEqual(body["answer"], 3)
        self.assertEqual((body["meta$"]["id"], body["meta$"]["error"], body["meta$"]["empty"]), ("m2/t2", False, False))
        _, _, body = await self.acts.post({"role": "math", "cmd": "none", "meta$": META})
        self.assertEqual(set(body), {"meta$"})
        self.assertTrue(body["meta$"]["empty"])

    async def test_lists_none_coroutines_and_later_results(self) -> None:
        self.assertEqual((await self.acts.post({"role": "math", "cmd": "list"}))[2], [1, 2, 3])
        self.assertEqual((await self.acts.post({"role": "math", "cmd": "list", "meta$": META}))[2], [1, 2, 3])
        self.assertIsNone((await self.acts.post({"role": "math", "cmd": "none"}))[2])
        self.assertEqual((await self.acts.post({"role": "math", "cmd": "coroutine"}))[2], {"async": True})
        answer = self.acts.post({"role": "math", "cmd": "later"})
        self.assertFalse(answer.called)
        self.service.pending[0].callback({"late": True})
        self.acts.treq.flush()
        self.assertEqual((await answer)[2], {"late": True})

    async def test_most_specific_pattern_wins(self) -> None:
        _, _, body = await self.acts.post({"role": "math", "cmd": "sum", "mode": "exact", "left": 1, "right": 1})
        self.assertEqual(body, {"exact": True})

    async def test_application_errors_keep_class_code_details_and_correlation_id(self) -> None:
        status, _, body = await self.acts.post(
            {"role": "math", "cmd": "conflict", "key": "k", "correlation_id": "c2", "meta$": META},
            headers=LEGACY_HEADERS)
        self.assertEqual(status, 409)
        self.assertEqual({k: body[k] for k in ("type", "category", "code", "status", "statusCode", "correlation_id")},
                         {"type": "ConflictException", "category": "Conflict", "code": "ALREADY_THERE", "status": 409,
                          "statusCode": 409, "correlation_id": "c2"})
        self.assertEqual(body["details"], {"key": "k"})
        self.assertEqual((body["meta$"]["id"], body["meta$"]["error"]), ("m2/t2", True))

    async def test_crash_is_an_internal_error_without_the_python_message(self) -> None:
        status, _, body = await self.acts.post({"role": "math", "cmd": "crash", "correlation_id": "c3"})
        self.assertEqual(status, 500)
        self.assertEqual((body["category"], body["correlation_id"]), ("Unknown", "c3"))
        self.assertNotIn("division", body["message"])

    async def test_unknown_act_is_not_found_with_its_fields(self) -> None:
        status, _, body = await self.acts.post({"role": "math", "cmd": "product", "correlation_id": "c4",
                                                "big": {"a": 1}})
        self.assertEqual((status, body["code"], body["category"], body["correlation_id"]),
                         (404, "ACT_NOT_FOUND", "NotFound", "c4"))
        self.assertEqual(body["details"]["act"], {"cmd": "product", "correlation_id": "c4", "role": "math"})

    async def test_results_seneca_cannot_carry_are_errors(self) -> None:
        status, _, body = await self.acts.post({"role": "math", "cmd": "scalar"})
        self.assertEqual((status, body["code"], body["details"]), (500, "RESULT_NOT_OBJECT", {"result": "42"}))

    async def test_bad_bodies_are_bad_requests(self) -> None:
        cases = {
            b"{bad": "BAD_JSON",
            b"[1, 2]": "BAD_BODY",
            b'"text"': "BAD_BODY",
            b'{"role": "math", "cmd": "echo", "x": NaN}': "NON_FINITE_NUMBER",
            b'{"role": "math", "cmd": "echo", "x": [-Infinity]}': "NON_FINITE_NUMBER",
            b'{"role": "math", "cmd": "echo", "x": 1e400}': "NON_FINITE_NUMBER",
            b'{"role": "math", "cmd": "echo", "x": ' + b"9" * 400 + b'.5}': "NON_FINITE_NUMBER",
            b"[" * 100 + b"]" * 100: "JSON_TOO_DEEP",
            b'{"role": "math", "cmd": "echo", "x": "\\ud800"}': "BAD_TEXT",
            b"\xff\xfe": "BAD_JSON",
        }
        for raw, code in cases.items():
            status, _, body = await self.acts.post(raw, headers=LEGACY_HEADERS)
            self.assertEqual((status, body["code"], body["category"]), (400, code, "BadRequest"), raw[:40])
        # Big numbers that are finite are fine, and so is the text NaN (an integer past
        # 1.8e308 is not: no JavaScript or float peer could read it).
        _, _, body = await self.acts.post(b'{"role": "math", "cmd": "echo", "x": 1e300, "y": "NaN"}')
        self.assertEqual(body["args"]["x"], 1e300)
        status, _, refused = await self.acts.post(b'{"role": "math", "cmd": "echo", "z": 1' + b"0" * 400 + b"}")
        self.assertEqual((status, refused["code"]), (400, "NON_FINITE_NUMBER"))
        self.assertEqual(body["args"]["y"], "NaN")

    async def test_bad_json_of_the_builtin_transport_still_reaches_its_caller(self) -> None:
        raw = json.dumps({"role": "math", "cmd": "echo", "x": float("nan"), "meta$": META}).encode()
        status, _, body = await self.acts.post(raw)
        self.assertEqual((status, body["code"], body["meta$"]["id"], body["meta$"]["error"]),
                         (400, "NON_FINITE_NUMBER", "m2/t2", True))

    async def test_other_paths_and_methods_are_seneca_errors(self) -> None:
        status, _, body = await self.acts.post({"role": "math", "cmd": "sum", "meta$": META}, path="/other")
        self.assertEqual((status, body["code"], body["meta$"]["error"]), (404, "NOT_FOUND", True))
        status, headers, body = await self.acts.post(b"", method="DELETE")
        self.assertEqual((status, body["code"]), (405, "METHOD_NOT_ALLOWED"))
        self.assertEqual(headers.getRawHeaders(b"allow"), [b"GET, POST"])

    async def test_path_is_configurable(self) -> None:
        router = SenecaRouter(path="seneca/act/")
        self.service.add_actions_to(router)
        status, _, body = await RawActs(router).post({"role": "math", "cmd": "list"}, path="/seneca/act")
        self.assertEqual((status, body, router.path), (200, [1, 2, 3], "/seneca/act"))

    async def test_errors_of_a_readable_act_keep_its_correlation_id(self) -> None:
        _, _, body = await self.acts.post(b'{"role": "math", "cmd": "echo", "correlation_id": "c5", "x": NaN}')
        self.assertEqual((body["code"], body["correlation_id"]), ("NON_FINITE_NUMBER", "c5"))
        _, _, body = await self.acts.post(b"{bad", path="/act?correlation_id=c6")
        self.assertEqual((body["code"], body["correlation_id"]), ("BAD_JSON", "c6"))
        _, _, body = await self.acts.post({"role": "math", "cmd": "scalar", "correlation_id": "c7"})
        self.assertEqual((body["code"], body["correlation_id"]), ("RESULT_NOT_OBJECT", "c7"))
