"""Password hashes for config files, and constant-time comparisons."""

from __future__ import annotations

import base64
import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.services import check_password_hash, hash_password
from pipservices_tx.services._auth_passwords import parse_password_hash, same_secret


class PasswordHashTests(SynchronousTestCase):
    def test_round_trip(self) -> None:
        encoded = hash_password("s3cret", iterations=1000)
        algorithm, iterations, salt, hashed = encoded.split("$")
        self.assertEqual((algorithm, iterations), ("pbkdf2_sha256", "1000"))
        self.assertNotIn("s3cret", encoded)
        self.assertTrue(check_password_hash("s3cret", encoded))
        self.assertFalse(check_password_hash("s3cret ", encoded))
        self.assertFalse(check_password_hash("", encoded))

    def test_salt_is_random(self) -> None:
        self.assertNotEqual(hash_password("x", iterations=1), hash_password("x", iterations=1))

    def test_known_vector(self) -> None:
        # The layout of Django's pbkdf2_sha256: a hash made there checks here.
        derived = hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 1000)
        encoded = "pbkdf2_sha256$1000$salt$" + base64.b64encode(derived).decode()
        self.assertEqual(hash_password("password", 1000, "salt"), encoded)
        self.assertTrue(check_password_hash("password", encoded))

    def test_sha512(self) -> None:
        encoded = hash_password("pw", iterations=10, algorithm="pbkdf2_sha512")
        self.assertTrue(encoded.startswith("pbkdf2_sha512$10$"))
        self.assertTrue(check_password_hash("pw", encoded))

    def test_malformed_hashes_match_nothing(self) -> None:
        for bad in ("", "plain", "md5$1$salt$abc=", "pbkdf2_sha256$x$salt$abc=", "pbkdf2_sha256$0$salt$abc=",
                    "pbkdf2_sha256$1$salt$not base64!", "pbkdf2_sha256$1$$abc=", "pbkdf2_sha256$99999999999$s$abc="):
            self.assertFalse(check_password_hash("anything", bad), bad)
            self.assertRaises(ValueError, parse_password_hash, bad)

    def test_bad_arguments(self) -> None:
        self.assertRaises(ValueError, hash_password, "x", 0)
        self.assertRaises(ValueError, hash_password, "x", 1, "with$dollar")
        self.assertRaises(ValueError, hash_password, "x", 1, None, "md5")

    @settings(max_examples=50, deadline=None)
    @given(st.text(max_size=40), st.text(max_size=40))
    def test_only_the_password_matches(self, password: str, other: str) -> None:
        encoded = hash_password(password, iterations=1)
        self.assertTrue(check_password_hash(password, encoded))
        self.assertEqual(check_password_hash(other, encoded), other == password)
        self.assertEqual(same_secret(other, password), other == password)
