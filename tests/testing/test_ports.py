"""free_port: a port a test's server can listen on."""

from __future__ import annotations

import socket

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.testing import free_port


class FreePortTests(SynchronousTestCase):
    def test_the_port_can_be_listened_on(self) -> None:
        port = free_port()
        self.assertGreater(port, 0)
        with socket.socket() as server:
            server.bind(("127.0.0.1", port))
            server.listen(1)
