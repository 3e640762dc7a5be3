# -*- test-case-name: tests.security.test_jwt_token -*-
"""
JSON Web Tokens (RFC 7519) made and checked with PyJWT, read strictly: every
part canonical base64url, the claims finite JSON, no extensions we ignore.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any, Iterable, Mapping, Optional

from ..errors import BadRequestException
from ..portability import parse_json

#: HMAC algorithms (RFC 7518 section 3.2): a shared secret.
HMAC_ALGORITHMS = ("HS256", "HS384", "HS512")
#: Public-key algorithms: RSA PKCS#1 v1.5 and PSS, and ECDSA; keys from PEM or a JWKS.
PUBLIC_KEY_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")

#: Tokens longer than this are refused unread.
MAX_TOKEN_LENGTH = 8192

_BASE64URL = re.compile(r"^[A-Za-z0-9_-]*$")
_jws: Any = None


def _pyjwt() -> Any:
    """PyJWT (and cryptography) on first use: a service without tokens never imports them."""
    global _jws
    import jwt
    from jwt.api_jws import PyJWS

    if _jws is None:
        _jws = PyJWS()
    return jwt


class InvalidTokenError(ValueError):
    """A token that is malformed, signed with another key or algorithm, or not a JWT."""


def _b64decode(text: str, what: str) -> bytes:
    """Strict base64url: no padding, no stray characters, and no bits set past the last byte."""
    if not _BASE64URL.match(text) or len(text) % 4 == 1:
        raise InvalidTokenError(f"The {what} is not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as e:
        raise InvalidTokenError(f"The {what} is not base64url") from e
    if base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii") != text:
        raise InvalidTokenError(f"The {what} is not canonical base64url (bits set past its last byte)")
    return data


def _json_object(data: bytes, what: str) -> dict[str, Any]:
    try:
        value = parse_json(data, None, f"The {what}")
    except BadRequestException as e:
        raise InvalidTokenError(e.message) from None
    if not isinstance(value, dict):
        raise InvalidTokenError(f"The {what} is not a JSON object")
    return value


def token_header(token: str) -> dict[str, Any]:
    """The header of C{token}, read strictly but not verified (to choose a key by C{kid})."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise InvalidTokenError(f"The token is longer than {MAX_TOKEN_LENGTH} characters")
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidTokenError("A JWT has three parts separated by dots")
    for part, what in zip(parts, ("header", "payload", "signature"), strict=True):
        _b64decode(part, what)
    header = _json_object(_b64decode(parts[0], "header"), "header")
    if "crit" in header or "b64" in header:
        raise InvalidTokenError("Critical header extensions (crit, b64) are not supported")
    return header


def encode_jwt(
    claims: Mapping[str, Any], key: Any, algorithm: str = "HS256", headers: Optional[Mapping[str, Any]] = None,
) -> str:
    """
    A compact JWS of C{claims} signed with C{key} (a secret for HS*, a PEM
    private key or key object for RS*/PS*/ES*): for tests and for services
    that issue tokens.
    """
    if algorithm not in HMAC_ALGORITHMS + PUBLIC_KEY_ALGORITHMS:
        raise ValueError(f"Unsupported algorithm '{algorithm}'")
    return _pyjwt().encode(dict(claims), key, algorithm=algorithm, headers={"typ": "JWT", **(headers or {})})


def decode_jwt(
    token: str, key: Any, algorithms: Iterable[str] = HMAC_ALGORITHMS,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """
    The header and claims of C{token} once its signature is checked with
    C{key} (a secret, a PEM public key, a key object or a C{jwt.PyJWK}).
    Raises L{InvalidTokenError} for a malformed token (parts not canonical
    base64url, claims that are not finite JSON), an algorithm not in
    C{algorithms} (C{none} never is), a header with C{crit} extensions, or a
    wrong signature. Time claims (C{exp}, C{nbf}) are the caller's to check.
    """
    header = token_header(token)
    allowed = [name for name in algorithms if name in HMAC_ALGORITHMS + PUBLIC_KEY_ALGORITHMS]
    algorithm = header.get("alg")
    if not isinstance(algorithm, str) or algorithm not in allowed:
        raise InvalidTokenError(f"The algorithm {algorithm!r} is not accepted (accepted: {', '.join(allowed)})")
    if isinstance(key, str):
        key = key.encode("utf-8")
    pyjwt = _pyjwt()
    try:
        decoded = _jws.decode_complete(token, key, algorithms=[algorithm])
    except pyjwt.InvalidSignatureError:
        raise InvalidTokenError("The signature does not match") from None
    except (pyjwt.PyJWTError, ValueError, TypeError) as e:
        raise InvalidTokenError(f"The token cannot be checked: {e}") from None
    return header, _json_object(decoded["payload"], "payload")
