"""HMAC-signed JWTs made and checked (through PyJWT), strictly."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.services import InvalidTokenError, decode_jwt, encode_jwt

KEY = b"0123456789abcdef0123456789abcdef"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge(header: dict, claims: dict, key: bytes = KEY, digest=hashlib.sha256) -> str:  # type: ignore[no-untyped-def]
    head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
    return head + "." + b64(hmac.new(key, head.encode(), digest).digest())


class JwtTokenTests(SynchronousTestCase):
    def test_round_trip_every_algorithm(self) -> None:
        for algorithm in ("HS256", "HS384", "HS512"):
            token = encode_jwt({"sub": "ann", "roles": ["admin"]}, KEY, algorithm)
            header, claims = decode_jwt(token, KEY)
            self.assertEqual(header, {"alg": algorithm, "typ": "JWT"})
            self.assertEqual(claims, {"sub": "ann", "roles": ["admin"]})

    def test_rfc7515_example(self) -> None:
        # RFC 7515 appendix A.1: the HS256 example token and its key.
        token = (
            "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
            ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
            ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        )
        key = base64.urlsafe_b64decode(
            "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow==")
        _, claims = decode_jwt(token, key)
        self.assertEqual(claims["iss"], "joe")
        self.assertRaises(InvalidTokenError, decode_jwt, token, key + b"x")

    def test_wrong_key_or_tampered_payload(self) -> None:
        token = encode_jwt({"sub": "ann", "roles": "user"}, KEY)
        self.assertRaises(InvalidTokenError, decode_jwt, token, b"another key")
        head, payload, signature = token.split(".")
        tampered = b64(json.dumps({"sub": "ann", "roles": "admin"}, separators=(",", ":")).encode())
        error = self.assertRaises(InvalidTokenError, decode_jwt, f"{head}.{tampered}.{signature}", KEY)
        self.assertIn("signature", str(error))

    def test_alg_none_and_unknown_algorithms_are_refused(self) -> None:
        claims = {"sub": "ann"}
        none = b64(b'{"alg":"none","typ":"JWT"}') + "." + b64(json.dumps(claims).encode()) + "."
        self.assertRaises(InvalidTokenError, decode_jwt, none, KEY)
        self.assertRaises(InvalidTokenError, decode_jwt, forge({"alg": "RS256"}, claims), KEY)
        self.assertRaises(InvalidTokenError, decode_jwt, forge({"typ": "JWT"}, claims), KEY)
        # An algorithm the caller did not accept, even with the right key.
        token = encode_jwt(claims, KEY, "HS512")
        self.assertRaises(InvalidTokenError, decode_jwt, token, KEY, ["HS256"])
        self.assertRaises(InvalidTokenError, decode_jwt, forge({"alg": "HS256", "crit": ["x"], "x": 1}, claims), KEY)

    def test_malformed_tokens(self) -> None:
        good = encode_jwt({"a": 1}, KEY)
        head, payload, signature = good.split(".")
        for bad in ("", "abc", "a.b", "a.b.c.d", f"{head}.{payload}", f"{head}.{payload}.{signature}=",
                    f"{head}.{payload}.{signature}é", f"{head}.é.{signature}", f"!{head}.{payload}.{signature}",
                    forge({"alg": "HS256"}, [1, 2]),  # type: ignore[arg-type]
                    b64(b"not json") + f".{payload}.{signature}", b64(b"[1]") + f".{payload}.{signature}"):
            self.assertRaises(InvalidTokenError, decode_jwt, bad, KEY)

    @settings(max_examples=200, deadline=None)
    @given(st.text(max_size=300))
    def test_arbitrary_text_is_refused_cleanly(self, text: str) -> None:
        self.assertRaises(InvalidTokenError, decode_jwt, text, KEY)

    @settings(max_examples=100, deadline=None)
    @given(st.dictionaries(st.text(max_size=10), st.integers() | st.text(max_size=10), max_size=5),
           st.integers(min_value=0), st.integers(min_value=0, max_value=255))
    def test_any_single_byte_change_breaks_the_signature(self, claims: dict, position: int, value: int) -> None:
        token = encode_jwt(claims, KEY)
        index = position % len(token)
        changed = token[:index] + chr(value) + token[index + 1:]
        if changed == token:
            return
        # Even where base64url has slack (unused bits in a last character), a changed token is refused.
        self.assertRaises(InvalidTokenError, decode_jwt, changed, KEY)
