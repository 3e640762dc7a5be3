"""A TCP proxy on its own thread that a drill cuts (refuse), silences (accept, never answer) and restores."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any, Optional

from pipservices_tx.testing import free_port


class FaultProxy:
    """
    Forwards 127.0.0.1:L{port} to C{target}. L{cut}: the server is down
    (connections refused, live ones aborted). L{silence}: the server hangs
    (connections accepted, nothing forwarded). L{restore}: back to normal.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self.mode = "up"
        self.connections_since_restore = 0
        self.open_connections = 0
        self.first_bytes_after_restore: Optional[float] = None
        self.restored_at: Optional[float] = None
        self._loop = asyncio.new_event_loop()
        self._server: Any = None
        self._live: set[asyncio.StreamWriter] = set()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._call(self._listen())

    def _call(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(10)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._live.add(writer)
        if self.mode == "silent":
            try:
                while await reader.read(65536):
                    pass
            except (ConnectionError, OSError):
                pass
            finally:
                self._live.discard(writer)
                writer.close()
            return
        self.connections_since_restore += 1
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            self._live.discard(writer)
            writer.close()
            return
        self._live.add(up_writer)
        self.open_connections += 1

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter, upstream: bool) -> None:
            try:
                while data := await src.read(65536):
                    if upstream and self.first_bytes_after_restore is None and self.restored_at is not None:
                        self.first_bytes_after_restore = time.monotonic()
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                dst.close()

        await asyncio.gather(pipe(reader, up_writer, True), pipe(up_reader, writer, False))
        self.open_connections -= 1
        self._live.discard(writer)
        self._live.discard(up_writer)

    async def _stop_listening(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._live):
            writer.transport.abort()
        self._live.clear()

    def cut(self) -> None:
        self.mode = "down"
        self._call(self._stop_listening())

    def silence(self) -> None:
        """Live connections are aborted; new ones are accepted and never answered."""
        self._call(self._stop_listening())
        self.mode = "silent"
        self._call(self._listen())

    def restore(self) -> None:
        self._call(self._stop_listening())
        self.mode = "up"
        self.connections_since_restore = 0
        self.first_bytes_after_restore = None
        self.restored_at = time.monotonic()
        self._call(self._listen())

    def close(self) -> None:
        self._call(self._stop_listening())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
