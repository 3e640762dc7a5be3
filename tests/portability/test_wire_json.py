"""parse_json and check_json_value: what no transport may let in (non-finite numbers, deep nesting, surrogates)."""

from __future__ import annotations

import math

from twisted.trial.unittest import TestCase

from pipservices_tx.errors import BadRequestException
from pipservices_tx.portability import MAX_JSON_DEPTH, check_json_value, parse_json


class ParseJsonTests(TestCase):
    def assertRefused(self, text: bytes | str, code: str) -> BadRequestException:
        with self.assertRaises(BadRequestException) as caught:
            parse_json(text, "cid-1", "The request body")
        self.assertEqual((caught.exception.code, caught.exception.status), (code, 400))
        self.assertEqual(caught.exception.correlation_id, "cid-1")
        self.assertTrue(caught.exception.message.startswith("The request body "), caught.exception.message)
        return caught.exception

    def test_non_finite_numbers_are_refused(self) -> None:
        for text in ('{"radius": 1e400}', '{"radius": -1e400}', '{"radius": NaN}', '{"radius": Infinity}',
                     '[-Infinity]', "1" + "0" * 400 + ".5", '{"exp": ' + "9" * 4300 + "}",
                     '{"exp": ' + "9" * 5000 + "}", "-" + "1" * 310):
            error = self.assertRefused(text, "NON_FINITE_NUMBER")
            self.assertIn("value", error.details)

    def test_numbers_a_float_holds_pass(self) -> None:
        self.assertEqual(parse_json(b'{"a": 1.7e308, "b": -1e-400, "c": 12345678901234567890}'),
                         {"a": 1.7e308, "b": -0.0, "c": 12345678901234567890})
        huge_int = int("9" * 308)
        self.assertEqual(parse_json(str(huge_int)), huge_int)
        self.assertTrue(all(math.isfinite(x) for x in parse_json("[0.1, 2e10, -3.5]")))

    def test_malformed_deep_and_surrogate_texts(self) -> None:
        self.assertRefused(b"{oops", "BAD_JSON")
        self.assertRefused(b"\xff\xfe", "BAD_JSON")
        self.assertRefused("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), "JSON_TOO_DEEP")
        self.assertRefused("[" * 100_000, "JSON_TOO_DEEP")
        self.assertRefused('{"name": "\\ud800"}', "BAD_TEXT")
        self.assertEqual(parse_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH), parse_json("[" * 64 + "]" * 64))


class CheckJsonValueTests(TestCase):
    def test_refuses_what_parse_json_refuses(self) -> None:
        deep: list = []
        node = deep
        for _ in range(MAX_JSON_DEPTH + 1):
            node.append([])
            node = node[0]
        for value, code in ((float("nan"), "NON_FINITE_NUMBER"), ({"a": [1.0, float("inf")]}, "NON_FINITE_NUMBER"),
                            ({"k": "\udc00"}, "BAD_TEXT"), ({"\ud800": 1}, "BAD_TEXT"), (deep, "JSON_TOO_DEEP")):
            with self.assertRaises(BadRequestException) as caught:
                check_json_value(value, "cid", "The message")
            self.assertEqual(caught.exception.code, code)

    def test_accepts_finite_values(self) -> None:
        check_json_value({"a": [1, 2.5, {"b": "text", "c": None, "d": True}], "e": (1.7e308,)})
