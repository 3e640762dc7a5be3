"""A raw HTTP/1.1 client: requests sent as bytes, answers parsed by hand, for the socket fuzz tests."""

from __future__ import annotations

import socket
from typing import Optional


class RawResponse:
    """A parsed answer: C{status} 0 when the server closed without one."""

    def __init__(self, data: bytes) -> None:
        self.raw = data
        self.status = 0
        self.headers: dict[bytes, bytes] = {}
        self.body = b""
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        if lines and lines[0].startswith(b"HTTP/1."):
            parts = lines[0].split(b" ", 2)
            self.status = int(parts[1])
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                self.headers[name.strip().lower()] = value.strip()
            length = self.headers.get(b"content-length")
            self.body = body[: int(length)] if length is not None else body


def raw_request(port: int, data: bytes, timeout: float = 15.0, half_close: bool = False) -> RawResponse:
    """
    Sends C{data} as is on a new connection and reads to the end: the request
    says C{Connection: close}, or C{half_close} ends the sending side (garbage,
    which the server might otherwise wait on until its header timeout).
    """
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
            if half_close:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may answer and close before reading all of it (413)
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except ConnectionResetError:
            pass
    return RawResponse(b"".join(chunks))


def http_request(port: int, method: bytes, target: bytes, body: Optional[bytes] = None,
                 headers: tuple[tuple[bytes, bytes], ...] = ()) -> RawResponse:
    lines = [method + b" " + target + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close"]
    lines += [name + b": " + value for name, value in headers]
    if body is not None:
        lines += [b"Content-Type: application/json", b"Content-Length: %d" % len(body)]
    return raw_request(port, b"\r\n".join(lines) + b"\r\n\r\n" + (body or b""))
