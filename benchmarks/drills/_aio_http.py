"""A tiny asyncio HTTP/1.1 client that tells apart a complete answer, a refused connection and a cut one."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Answer:
    """C{outcome}: complete, refused, closed (nothing received) or cut (part of an answer)."""

    outcome: str
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    seconds: float = 0.0


def request_bytes(method: str, path: str, body: bytes = b"", keep_alive: bool = True) -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    if not keep_alive:
        head += "Connection: close\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


async def read_answer(reader: asyncio.StreamReader, timeout: float = 30.0) -> Answer:
    """Reads one answer: complete when its whole C{Content-Length} body arrived."""
    received = 0
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    except asyncio.IncompleteReadError as e:
        return Answer("cut" if e.partial else "closed")
    except (ConnectionError, OSError):
        return Answer("closed")
    received = len(head)
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ")[1])
    except (IndexError, ValueError):
        return Answer("cut")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    try:
        body = await asyncio.wait_for(reader.readexactly(length), timeout) if length else b""
    except (asyncio.IncompleteReadError, ConnectionError, OSError):
        return Answer("cut" if received else "closed", status, headers)
    return Answer("complete", status, headers, body)


async def one_request(port: int, method: str, path: str, body: bytes = b"", timeout: float = 30.0) -> Answer:
    loop = asyncio.get_running_loop()
    began = loop.time()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    except (ConnectionRefusedError, OSError):
        return Answer("refused", seconds=loop.time() - began)
    try:
        writer.write(request_bytes(method, path, body, keep_alive=False))
        await writer.drain()
        answer = await read_answer(reader, timeout)
    except (ConnectionError, OSError):
        answer = Answer("closed")
    finally:
        writer.close()
    answer.seconds = loop.time() - began
    return answer


class KeepAlive:
    """One keep-alive connection that sends requests one after the other."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.last_used = time.monotonic()

    @classmethod
    async def open(cls, port: int) -> Optional[KeepAlive]:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return None
        return cls(reader, writer)

    async def call(self, method: str, path: str, body: bytes = b"", timeout: float = 30.0) -> Answer:
        try:
            self.writer.write(request_bytes(method, path, body))
            await self.writer.drain()
        except (ConnectionError, OSError):
            return Answer("closed")
        answer = await read_answer(self.reader, timeout)
        self.last_used = time.monotonic()
        return answer

    def close(self) -> None:
        self.writer.close()
