"""
Hostile bearer tokens are a 401, never a 500 or a token that never expires:
nesting that breaks a recursive parser, non-finite or huge time claims,
signatures with altered unused base64 bits.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from twisted.internet.task import Clock
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import InvalidTokenError, JwtAuthorizer, decode_jwt, encode_jwt

from .helpers import bearer, guarded_client

LOCATOR = Descriptor("pip-services", "authorizer", "jwt", "default", "1.0")
KEY = "a-test-key-of-some-length-0123456789"
NOW = 1_800_000_000
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signed(header_json: bytes, payload_json: bytes, algorithm: Any = hashlib.sha256) -> str:
    """A token whose parts are these exact JSON texts, correctly signed with KEY."""
    head = b64(header_json) + "." + b64(payload_json)
    return head + "." + b64(hmac.new(KEY.encode(), head.encode(), algorithm).digest())


class HostileTokenTests(SynchronousTestCase):
    def setUp(self) -> None:
        clock = Clock()
        clock.advance(NOW)
        authorizer = JwtAuthorizer()
        authorizer.set_reactor(clock)
        authorizer.configure(ConfigParams.from_value({"credential": {"secret": KEY}}))
        self.client = guarded_client(self, LOCATOR, authorizer)

    def assert_401(self, headers: Any) -> dict[str, Any]:
        status, body = self.client.json("GET", "/api/whoami", headers=headers)
        self.assertEqual((status, body["category"]), (401, "Unauthorized"), body)
        return body

    def test_deep_nesting_in_the_header_or_the_token_is_401(self) -> None:
        self.assert_401(bearer("[" * 1200))
        self.assert_401({"authorization": ["Bearer " + "[" * 1200]})
        self.assert_401(bearer(signed(b"[" * 1200, b'{"sub":"ann"}')))
        self.assert_401(bearer(signed(b'{"alg":"HS256","x":' + b"[" * 1200 + b"]" * 1200 + b"}", b'{"sub":"a"}')))
        self.assert_401(bearer(signed(b'{"alg":"HS256"}', b'{"sub":' + b"[" * 1200 + b"]" * 1200 + b"}")))

    def test_time_claims_that_are_no_finite_number_are_401_not_never_expiring(self) -> None:
        header = b'{"alg":"HS256","typ":"JWT"}'
        for exp in (b"NaN", b"Infinity", b"-Infinity", b"1e400", b"9" * 4300, b"9" * 5000, b'"tomorrow"', b"true"):
            for claim in (b"exp", b"nbf"):
                body = self.assert_401(bearer(signed(header, b'{"sub":"ann","' + claim + b'":' + exp + b"}")))
                self.assertEqual(body["code"], "INVALID_TOKEN", (claim, exp[:20]))
        valid = signed(header, b'{"sub":"ann","exp":%d}' % (NOW + 60))
        self.assertEqual(self.client.json("GET", "/api/whoami", headers=bearer(valid))[0], 200)

    def test_a_signature_with_altered_unused_bits_is_refused(self) -> None:
        for algorithm in ("HS256", "HS512"):  # 32 and 64 bytes: the last character carries unused bits
            token = encode_jwt({"sub": "ann", "exp": NOW + 60}, KEY, algorithm)
            head, payload, signature = token.split(".")
            last = _ALPHABET.index(signature[-1])
            twin = signature[:-1] + _ALPHABET[last ^ 1]  # the lowest bit of the last character is unused
            forged = f"{head}.{payload}.{twin}"
            self.assertEqual(base64.urlsafe_b64decode(twin + "=" * (-len(twin) % 4)),
                             base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
            self.assertRaises(InvalidTokenError, decode_jwt, forged, KEY)
            self.assert_401(bearer(forged))
            self.assertEqual(self.client.json("GET", "/api/whoami", headers=bearer(token))[0], 200)
