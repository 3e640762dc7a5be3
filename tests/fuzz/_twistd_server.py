"""The beacons service under a real twistd in a subprocess, and a raw HTTP/1.1 client for it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from typing import IO, Optional

from pipservices_tx.testing import free_port

from ._support import BEACONS_CONFIG, ROOT

TWISTD = [sys.executable, "-c", "from twisted.scripts.twistd import run; run()", "-n", "--pidfile="]




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


class TwistdBeacons:
    """C{twistd -n pipsvc -c examples/beacons/config.yml} on a free loopback port; stdout kept in a file."""

    def __init__(self, *params: str, config: str = BEACONS_CONFIG) -> None:
        self.port = free_port()
        self.config = config
        self.params = ["HTTP_HOST=127.0.0.1", f"HTTP_PORT={self.port}", *params]
        self.process: Optional[subprocess.Popen[bytes]] = None
        self._out: IO[bytes] = tempfile.TemporaryFile()
        self._err: IO[bytes] = tempfile.TemporaryFile()

    def start(self, timeout: float = 20.0) -> TwistdBeacons:
        command = [*TWISTD, "pipsvc", "-c", self.config]
        for param in self.params:
            command += ["-p", param]
        env = {key: value for key, value in os.environ.items() if not key.endswith("_ENABLED")}
        env["PYTHONPATH"] = ROOT
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self._out, stderr=self._err)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"twistd exited {self.process.returncode}:\n{self.output}\n{self.errors}")
            try:
                if http_request(self.port, b"GET", b"/heartbeat").status == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        self.kill()
        raise AssertionError(f"twistd did not answer within {timeout} s:\n{self.output}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM and the exit code."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def _read(self, f: IO[bytes]) -> str:
        f.flush()
        f.seek(0)
        return f.read().decode("utf-8", "replace")

    @property
    def output(self) -> str:
        return self._read(self._out)

    @property
    def errors(self) -> str:
        return self._read(self._err)
