# -*- test-case-name: tests.messaging.test_address -*-
"""BrokerAddress: where a queue's broker is and what the queue is called there, from its config."""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import parse_qsl, unquote, urlsplit

import attrs

from ..errors import ConfigException


@attrs.frozen
class BrokerAddress:
    """
    A broker's C{host}, C{port}, credentials and the C{destination} (queue,
    topic or subject) named by the path of a URI such as
    C{amqp://guest:guest@127.0.0.1:5672/beacons.events}, with the URI's query
    as C{options}.
    """

    scheme: str
    host: str
    port: int
    username: Optional[str] = None
    password: Optional[str] = None
    destination: Optional[str] = None
    options: dict[str, str] = attrs.field(factory=dict)

    @property
    def endpoint(self) -> str:
        return f"{self.host}:{self.port}"

    @classmethod
    def resolve(
        cls,
        connection: Any,
        credential: Any,
        schemes: tuple[str, ...],
        default_port: int,
    ) -> BrokerAddress:
        """
        From a resolved ConnectionParams (C{uri}, or C{host}/C{port}) and
        CredentialParams (C{username}/C{password}, which win over the URI's).
        A URI of another scheme is a ConfigException C{BAD_BROKER_URI}.
        """
        uri = connection.uri if connection is not None else None
        username = password = destination = None
        options: dict[str, str] = {}
        if uri:
            parts = urlsplit(uri)
            if parts.scheme not in schemes:
                raise ConfigException(
                    None, "BAD_BROKER_URI", f"URI '{_masked(uri)}' is not {schemes[0]}://host:port/name"
                ).with_details("uri", _masked(uri)).with_details("schemes", list(schemes))
            try:
                port = parts.port or default_port
            except ValueError as e:
                raise ConfigException(None, "BAD_BROKER_URI", f"URI '{_masked(uri)}': {e}") from e
            host = parts.hostname or "localhost"
            username = unquote(parts.username) if parts.username else None
            password = unquote(parts.password) if parts.password else None
            destination = unquote(parts.path[1:]) if len(parts.path) > 1 else None
            options = dict(parse_qsl(parts.query))
            scheme = parts.scheme
        else:
            host = (connection.host if connection is not None else None) or "localhost"
            port = (connection.port if connection is not None else None) or default_port
            scheme = schemes[0]
        if credential is not None:
            username = credential.username or username
            password = credential.password or password
        if not 0 < port < 65536:
            raise ConfigException(None, "BAD_BROKER_URI", f"Port {port} is out of range").with_details("port", port)
        return cls(scheme, host, port, username, password, destination or None, options)


def _masked(uri: str) -> str:
    """The URI without its password, for messages."""
    parts = urlsplit(uri)
    if parts.password is None:
        return uri
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()
