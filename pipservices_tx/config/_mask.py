# -*- test-case-name: tests.config.test_mask -*-
"""Hides passwords, secrets and tokens in configs, URIs and text before they are shown."""

from __future__ import annotations

import re
from typing import Any, Mapping

MASK = "***"

#: A key whose last part ends with one of these (or is C{pass}) holds a secret.
SECRET_KEY_SUFFIXES = (
    "password", "passwd", "pwd", "secret", "token", "access_key", "secret_key",
    "api_key", "apikey", "private_key", "client_key", "password_hash",
)

# scheme://user:password@  (the password may not contain '@' or '/' unencoded)
_URI_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s?#]*:)(?P<secret>[^@/\s]*)(?=@)")
_SUFFIXES = "|".join(re.escape(s) for s in SECRET_KEY_SUFFIXES)
# key=value (connection strings, query strings), key: value (YAML), "key": "value" (JSON)
_PAIR = re.compile(
    r"(?P<head>(?P<q>[\"']?)(?<![\w.\-])(?:[\w.\-]*(?:" + _SUFFIXES + r")|(?:[\w.\-]*[._])?pass)"
    r"(?P=q)\s*(?:=|:(?!//))\s*)"
    r"(?P<secret>\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^;&,\s\"'}\]]+)",
    re.IGNORECASE,
)


def is_secret_key(key: str) -> bool:
    """True for C{credential.password}, C{options.api_token}, C{client_secret}..."""
    last = key.rsplit(".", 1)[-1].lower()
    return last == "pass" or last.endswith(("_pass", *SECRET_KEY_SUFFIXES))


def _mask_text(text: str) -> str:
    text = _URI_PASSWORD.sub(lambda m: m.group("head") + MASK if m.group("secret") else m.group(0), text)

    def pair(m: re.Match[str]) -> str:
        secret = m.group("secret")
        if secret[:1] in "\"'":
            return m.group("head") + secret[0] + MASK + secret[0]
        if secret == MASK:
            return m.group(0)
        return m.group("head") + MASK

    return _PAIR.sub(pair, text)


def mask_credentials(value: Any) -> Any:
    """
    A copy of C{value} safe to show: in a map (ConfigParams or nested), the
    values of secret keys (L{is_secret_key}) become C{***}; in any string,
    URI passwords (C{redis://:pw@h}) and C{password=...}, C{token: ...},
    C{"secret": "..."} pairs are masked. Other values are returned as they are.
    """
    if isinstance(value, str):
        return _mask_text(value)
    if isinstance(value, Mapping):
        masked = {
            key: (MASK if item not in (None, "") and is_secret_key(str(key)) and not isinstance(item, Mapping)
                  else mask_credentials(item))
            for key, item in value.items()
        }
        kind: Any = type(value)
        try:
            return kind(masked)
        except Exception:
            return masked
    if isinstance(value, (list, tuple)):
        return type(value)(mask_credentials(item) for item in value)
    return value
