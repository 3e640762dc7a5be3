# -*- test-case-name: tests.services.test_drain,tests.services.test_endpoint -*-
"""
The listening side of an endpoint: where it listens (its Twisted endpoint
string and accept queue size), and how it stops without resetting the
connections the kernel had already accepted for it.
"""

from __future__ import annotations

import ctypes
import socket
import struct
import sys
from typing import Any

from twisted.internet.defer import Deferred, maybeDeferred

from ..config import ConfigParams
from ..errors import ConfigException

#: C{connection.backlog} by default: connections the kernel completes before the server accepts them.
DEFAULT_BACKLOG = 1024

#: Accept rounds one drain of the queue may take (each accepts up to a few hundred connections).
_MAX_ACCEPT_ROUNDS = 1000


def quote_endpoint_argument(text: str) -> str:
    """C{text} as one argument of an endpoint description: backslashes and colons escaped."""
    return text.replace("\\", "\\\\").replace(":", "\\:")


def listen_address(config: ConfigParams) -> tuple[str, str, int]:
    """The protocol, host and port of C{connection.*} (C{uri} wins)."""
    protocol = config.get_as_string_with_default("connection.protocol", "http").lower()
    host = config.get_as_string_with_default("connection.host", "0.0.0.0")
    port = config.get_as_nullable_integer("connection.port")
    uri = config.get_as_nullable_string("connection.uri")
    if uri:
        from urllib.parse import urlsplit

        parts = urlsplit(uri)
        protocol = parts.scheme or protocol
        host = parts.hostname or host
        port = parts.port if parts.port is not None else port
    if port is None:
        port = 8080 if protocol == "http" else 8443
    return protocol, host, port


def endpoint_string(config: ConfigParams) -> str:
    """
    The Twisted server endpoint for a config: C{endpoint} as given, else
    C{connection.protocol/host/port} (C{https} takes C{credential.ssl_key_file}
    and C{credential.ssl_crt_file}).
    """
    explicit = config.get_as_nullable_string("endpoint") or config.get_as_nullable_string("connection.endpoint")
    if explicit:
        return explicit
    protocol, host, port = listen_address(config)
    interface = quote_endpoint_argument(host)
    backlog = listen_backlog(config)
    if protocol == "http":
        return f"tcp:port={port}:interface={interface}:backlog={backlog}"
    if protocol == "https":
        key = config.get_as_nullable_string("credential.ssl_key_file")
        crt = config.get_as_nullable_string("credential.ssl_crt_file")
        if not key or not crt:
            raise ConfigException(
                None, "NO_SSL_CERT", "https needs credential.ssl_key_file and credential.ssl_crt_file"
            )
        result = (f"ssl:port={port}:interface={interface}:backlog={backlog}:privateKey={quote_endpoint_argument(key)}"
                  f":certKey={quote_endpoint_argument(crt)}")
        ca = config.get_as_nullable_string("credential.ssl_ca_file")
        if ca:
            result += f":extraCertChain={quote_endpoint_argument(ca)}"
        return result
    raise ConfigException(None, "BAD_PROTOCOL", f"Protocol '{protocol}' is not http or https")


def listen_backlog(config: ConfigParams) -> int:
    """C{connection.backlog} (the kernel caps it at C{net.core.somaxconn})."""
    return max(config.get_as_integer_with_default("connection.backlog", DEFAULT_BACKLOG), 1)


def accept_queued(port: Any) -> int:
    """
    Accepts every connection waiting in C{port}'s queue now (a Twisted TCP,
    TLS or UNIX port); returns how many. Other ports accept nothing.
    """
    do_read = getattr(port, "doRead", None)
    if not callable(do_read) or not getattr(port, "connected", False) or not hasattr(port, "sessionno"):
        return 0
    accepted = 0
    for _ in range(_MAX_ACCEPT_ROUNDS):
        before = port.sessionno
        do_read()
        if port.sessionno == before:
            break
        accepted += port.sessionno - before
    return accepted


#: A classic BPF socket filter for a listening TCP socket: drop a segment whose flags
#: are SYN without ACK (a new handshake), keep everything else (the ACKs that complete
#: handshakes already under way, and their data).
_DROP_NEW_SYNS = (
    (0x30, 0, 0, 13),          # ldb [13]: the TCP flags byte
    (0x54, 0, 0, 0x12),        # and #(SYN|ACK)
    (0x15, 0, 1, 0x02),        # jeq #SYN: drop, else keep
    (0x06, 0, 0, 0),           # ret #0
    (0x06, 0, 0, 0xFFFFFFFF),  # ret #-1
)
_SO_ATTACH_FILTER = 26


def refuse_new_handshakes(port: Any) -> bool:
    """
    Makes C{port}'s socket ignore new connection attempts (Linux, TCP): the
    handshakes under way still complete into the queue, new clients retry
    their SYN and then find the port closed. Closing the listener after a
    round trip then resets nothing. False where that is not possible.
    """
    sock = getattr(port, "socket", None)
    if not sys.platform.startswith("linux") or not isinstance(sock, socket.socket) \
            or sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.type != socket.SOCK_STREAM:
        return False
    code = ctypes.create_string_buffer(b"".join(struct.pack("HBBI", *insn) for insn in _DROP_NEW_SYNS))
    program = struct.pack("HL", len(_DROP_NEW_SYNS), ctypes.addressof(code))
    try:
        sock.setsockopt(socket.SOL_SOCKET, _SO_ATTACH_FILTER, program)
    except OSError:
        return False
    return True


def stop_listening(port: Any) -> Deferred[None]:
    """
    Stops C{port} listening, but first accepts what the kernel queued for it,
    and accepts once more just before its socket closes: closing a listening
    socket resets the connections still in its queue, whose clients may
    already have sent a request. What is accepted here is the caller's to
    answer (the site knows them as late arrivals).
    """
    log_closed = getattr(port, "_logConnectionLostMsg", None)
    if callable(log_closed) and callable(getattr(port, "doRead", None)):
        # A Twisted port logs, then closes its socket: accept between the two.
        def log_then_accept() -> None:
            log_closed()
            accept_queued(port)

        port._logConnectionLostMsg = log_then_accept
    accept_queued(port)
    return maybeDeferred(port.stopListening)
