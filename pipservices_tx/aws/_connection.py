# -*- test-case-name: tests.aws.test_lambda_client -*-
"""Where a Lambda function is and how to sign calls to it: region, function, endpoint, credentials."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Optional
from urllib.parse import quote

from ..config import ConfigParams
from ..errors import ConfigException


@dataclass(frozen=True)
class AwsConnection:
    """
    The function to invoke and the keys to sign with. C{endpoint} is the
    Lambda API's base URL: C{https://lambda.<region>.amazonaws.com} unless
    configured (a local server, moto).
    """

    region: str
    function: str
    endpoint: str
    access_id: str
    access_key: str
    session_token: Optional[str] = None

    @property
    def invoke_url(self) -> str:
        """C{POST} here: the Invoke API of the function (name, partial or full ARN, escaped)."""
        return f"{self.endpoint.rstrip('/')}/2015-03-31/functions/{quote(self.function, safe='')}/invocations"

    @classmethod
    def from_config(cls, config: ConfigParams, environ: Optional[dict[str, str]] = None) -> AwsConnection:
        """
        Reads C{connection.region}, C{connection.function} (or C{connection.arn},
        whose region is used when none is given), C{connection.uri} (the API's
        base URL), C{credential.access_id} (or C{client_id}) and
        C{credential.access_key} (or C{secret_key}, C{client_key}),
        C{credential.session_token}; missing credentials come from
        C{AWS_ACCESS_KEY_ID}, C{AWS_SECRET_ACCESS_KEY} and C{AWS_SESSION_TOKEN}.
        """
        env = os.environ if environ is None else environ
        function = config.get_as_nullable_string("connection.function") or config.get_as_nullable_string(
            "connection.arn")
        if not function:
            raise ConfigException(None, "NO_FUNCTION", "A Lambda client needs connection.function (a name or ARN)")
        region = config.get_as_nullable_string("connection.region")
        if not region and function.startswith("arn:") and len(function.split(":")) > 3:
            region = function.split(":")[3]
        region = region or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION")
        if not region:
            raise ConfigException(None, "NO_REGION", "A Lambda client needs connection.region")
        credential = config.get_section("credential")
        access_id = (credential.get_as_nullable_string("access_id") or credential.get_as_nullable_string("client_id")
                     or env.get("AWS_ACCESS_KEY_ID"))
        access_key = (credential.get_as_nullable_string("access_key")
                      or credential.get_as_nullable_string("secret_key")
                      or credential.get_as_nullable_string("client_key") or env.get("AWS_SECRET_ACCESS_KEY"))
        if not access_id or not access_key:
            raise ConfigException(None, "NO_CREDENTIALS", "A Lambda client needs credential.access_id and "
                                  "credential.access_key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)")
        token = credential.get_as_nullable_string("session_token") or env.get("AWS_SESSION_TOKEN") or None
        endpoint = config.get_as_nullable_string("connection.uri") or f"https://lambda.{region}.amazonaws.com"
        return cls(region, function, endpoint, access_id, access_key, token)
