# -*- test-case-name: tests.security.test_tls -*-
"""PEM files named by credentials: certificate authorities, keys and certificates for TLS."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..errors import ConfigException, FileException

if TYPE_CHECKING:
    from twisted.internet import ssl

_PEM_CERTIFICATE = re.compile(rb"-----BEGIN CERTIFICATE-----\r?\n.+?\r?\n-----END CERTIFICATE-----", re.DOTALL)


def read_pem(path: str, what: str) -> bytes:
    """The bytes of a PEM file; FileException when it cannot be read."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise FileException(None, "CANNOT_READ_PEM", f"Cannot read the {what} {path}: {e}").with_cause(e) from e


def load_pem_certificates(path: str, what: str = "CA file") -> list[ssl.Certificate]:
    """Every certificate in a PEM file (a CA bundle); ConfigException when there is none."""
    from twisted.internet import ssl  # here: OpenSSL is imported only by services that use TLS

    blocks = _PEM_CERTIFICATE.findall(read_pem(path, what))
    if not blocks:
        raise ConfigException(None, "BAD_PEM", f"The {what} {path} holds no PEM certificate")
    try:
        return [ssl.Certificate.loadPEM(block) for block in blocks]
    except Exception as e:
        raise ConfigException(None, "BAD_PEM", f"The {what} {path} is not valid PEM: {e}").with_cause(e) from e
