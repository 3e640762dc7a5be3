# -*- test-case-name: tests.security.test_passwords -*-
"""Password hashes for config files (PBKDF2, C{pbkdf2_sha256$iterations$salt$hash}) and constant-time checks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Optional

#: Hash algorithm names and the digest each uses.
PASSWORD_HASHES = {"pbkdf2_sha256": "sha256", "pbkdf2_sha512": "sha512"}

#: The work factor L{hash_password} uses by default (OWASP's advice for PBKDF2-SHA256 in 2023).
DEFAULT_ITERATIONS = 600_000

#: Iteration counts beyond this are refused: checking one would stall the reactor.
MAX_ITERATIONS = 10_000_000


def hash_password(
    password: str, iterations: int = DEFAULT_ITERATIONS, salt: Optional[str] = None,
    algorithm: str = "pbkdf2_sha256",
) -> str:
    """
    C{<algorithm>$<iterations>$<salt>$<base64 hash>} for
    C{users.<name>.password_hash} in config (the layout Django uses for
    C{pbkdf2_sha256}, so hashes made there verify here), e.g.::

        python -c "from pipservices_tx.services import hash_password; print(hash_password('s3cret'))"
    """
    digest = PASSWORD_HASHES.get(algorithm)
    if digest is None:
        raise ValueError(f"Unknown password hash algorithm '{algorithm}'")
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"Iterations must be between 1 and {MAX_ITERATIONS}")
    salt = salt if salt is not None else secrets.token_urlsafe(16)
    if not salt or "$" in salt:
        raise ValueError("The salt must be a non-empty text without '$'")
    derived = hashlib.pbkdf2_hmac(digest, password.encode("utf-8"), salt.encode("utf-8"), iterations)
    return f"{algorithm}${iterations}${salt}${base64.b64encode(derived).decode('ascii')}"


def check_password_hash(password: str, encoded: str) -> bool:
    """
    Whether C{password} matches C{encoded} (from L{hash_password}), compared
    in constant time. A malformed hash matches nothing (L{parse_password_hash}
    tells what is wrong with it).
    """
    try:
        digest, iterations, salt, expected = parse_password_hash(encoded)
    except ValueError:
        return False
    derived = hashlib.pbkdf2_hmac(digest, password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(derived, expected)


def parse_password_hash(encoded: str) -> tuple[str, int, bytes, bytes]:
    """The digest name, iterations, salt and expected hash of C{encoded}; ValueError when malformed."""
    parts = encoded.strip().split("$")
    if len(parts) != 4:
        raise ValueError("A password hash is <algorithm>$<iterations>$<salt>$<hash>")
    algorithm, iterations_text, salt, hashed = parts
    digest = PASSWORD_HASHES.get(algorithm)
    if digest is None:
        raise ValueError(f"Unknown password hash algorithm '{algorithm}' (known: {', '.join(PASSWORD_HASHES)})")
    if not iterations_text.isdigit() or not 1 <= int(iterations_text) <= MAX_ITERATIONS:
        raise ValueError(f"Iterations must be a number between 1 and {MAX_ITERATIONS}")
    try:
        expected = base64.b64decode(hashed.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as e:
        raise ValueError(f"The hash is not base64: {e}") from e
    if not salt or not expected:
        raise ValueError("The salt and the hash must not be empty")
    return digest, int(iterations_text), salt.encode("utf-8"), expected


def same_secret(given: str, expected: str) -> bool:
    """Plain-text secrets compared in constant time, their lengths hidden too (digests are compared)."""
    return hmac.compare_digest(
        hashlib.sha256(given.encode("utf-8")).digest(), hashlib.sha256(expected.encode("utf-8")).digest()
    )
