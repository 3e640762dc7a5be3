# -*- test-case-name: tests.aws.test_signing -*-
"""AWS Signature Version 4 of a request, by botocore's signer."""

from __future__ import annotations

from typing import Optional
from urllib.parse import urlsplit

from ..errors import ConfigException


def sign_request(method: str, url: str, headers: dict[str, str], body: bytes, region: str, access_id: str,
                 access_key: str, session_token: Optional[str] = None, service: str = "lambda") -> dict[str, str]:
    """
    The headers to send: C{headers} plus C{Host}, C{X-Amz-Date},
    C{X-Amz-Security-Token} (with a session token) and C{Authorization}, as
    botocore's C{SigV4Auth} signs them (the body's SHA-256 included).
    """
    try:
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
    except ImportError as e:  # pragma: no cover - the aws extra is not installed
        raise ConfigException(None, "NO_BOTOCORE", "Signing AWS requests needs botocore: "
                              "pip install 'pipservices_tx[aws]'").with_cause(e) from e
    headers = dict(headers)
    if not any(name.lower() == "host" for name in headers):
        headers["Host"] = host_header(url)  # signed as sent, whatever the HTTP client would have made of it
    request = AWSRequest(method=method, url=url, data=body, headers=headers)
    SigV4Auth(Credentials(access_id, access_key, session_token), service, region).add_auth(request)
    return dict(request.headers.items())


def host_header(url: str) -> str:
    """The C{Host} of a URL: its host, and its port unless the scheme's default."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return host + (f":{parts.port}" if parts.port and parts.port != default else "")
