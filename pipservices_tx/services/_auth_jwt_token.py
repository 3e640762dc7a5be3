# -*- test-case-name: tests.security.test_jwt_token -*-
"""HMAC-signed JSON Web Tokens (RFC 7519, HS256/384/512): made and checked with the standard library only."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from typing import Any, Iterable, Mapping, Optional

#: The JWS algorithms of RFC 7518 section 3.2 and their digests.
HMAC_ALGORITHMS = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}

_BASE64URL = re.compile(r"^[A-Za-z0-9_-]*$")


class InvalidTokenError(ValueError):
    """A token that is malformed, signed with another key or algorithm, or not a JWT."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str, what: str) -> bytes:
    if not _BASE64URL.match(text) or len(text) % 4 == 1:
        raise InvalidTokenError(f"The {what} is not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as e:
        raise InvalidTokenError(f"The {what} is not base64url") from e


def _json_object(data: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise InvalidTokenError(f"The {what} is not JSON") from e
    if not isinstance(value, dict):
        raise InvalidTokenError(f"The {what} is not a JSON object")
    return value


def _signature(algorithm: str, key: bytes, signing_input: bytes) -> bytes:
    return hmac.new(key, signing_input, HMAC_ALGORITHMS[algorithm]).digest()


def encode_jwt(
    claims: Mapping[str, Any], key: bytes | str, algorithm: str = "HS256",
    headers: Optional[Mapping[str, Any]] = None,
) -> str:
    """A compact JWS of C{claims} signed with C{key}: for tests and for services that issue tokens."""
    if algorithm not in HMAC_ALGORITHMS:
        raise ValueError(f"Unsupported algorithm '{algorithm}' (known: {', '.join(HMAC_ALGORITHMS)})")
    key_bytes = key.encode("utf-8") if isinstance(key, str) else key
    header = {"alg": algorithm, "typ": "JWT", **(headers or {})}
    signing_input = (
        _b64encode(json.dumps(header, separators=(",", ":")).encode("utf-8")) + "."
        + _b64encode(json.dumps(dict(claims), separators=(",", ":")).encode("utf-8"))
    ).encode("ascii")
    return signing_input.decode("ascii") + "." + _b64encode(_signature(algorithm, key_bytes, signing_input))


def decode_jwt(
    token: str, key: bytes | str, algorithms: Iterable[str] = tuple(HMAC_ALGORITHMS)
) -> tuple[dict[str, Any], dict[str, Any]]:
    """
    The header and claims of C{token} once its signature is checked with
    C{key}, in constant time. Raises L{InvalidTokenError} for a malformed
    token, an algorithm not in C{algorithms} (C{none} never is), a header
    with C{crit} extensions, or a wrong signature. Time claims (C{exp},
    C{nbf}) are the caller's to check.
    """
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidTokenError("A JWT has three parts separated by dots")
    if not all(_BASE64URL.match(part) for part in parts):
        raise InvalidTokenError("A JWT is made of base64url parts")
    header_b64, payload_b64, signature_b64 = parts
    header = _json_object(_b64decode(header_b64, "header"), "header")
    algorithm = header.get("alg")
    allowed = [name for name in algorithms if name in HMAC_ALGORITHMS]
    if not isinstance(algorithm, str) or algorithm not in allowed:
        raise InvalidTokenError(f"The algorithm {algorithm!r} is not accepted (accepted: {', '.join(allowed)})")
    if "crit" in header:
        raise InvalidTokenError("Critical header extensions are not supported")
    key_bytes = key.encode("utf-8") if isinstance(key, str) else key
    expected = _signature(algorithm, key_bytes, f"{header_b64}.{payload_b64}".encode("ascii"))
    if not hmac.compare_digest(_b64decode(signature_b64, "signature"), expected):
        raise InvalidTokenError("The signature does not match")
    return header, _json_object(_b64decode(payload_b64, "payload"), "payload")
