"""The wire tests' common setup: a script on the shared MockupDB and a persistence on it."""

from __future__ import annotations

from typing import Any

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence

from ._mock_mongo import Script, mock_server


def config_for(port: int, **options: Any) -> ConfigParams:
    """A persistence config on 127.0.0.1:C{port}, database C{testdb}, collection C{items}, short timeouts."""
    values: dict[str, Any] = {
        "connection.uri": f"mongodb://127.0.0.1:{port}/testdb",
        "collection": "items",
        "options.connect_timeout": 500,
        "options.request_timeout": 1000,
        "options.max_reconnect_delay": 200,
        "options.max_pool_size": 1,
    }
    values.update({f"options.{key}": value for key, value in options.items()})
    return ConfigParams(values)


class WireTestCase(unittest.TestCase):
    """Each test gets its own L{Script} on the shared server; persistences made by L{open} close after it."""

    timeout = 15

    def setUp(self) -> None:
        self.server = mock_server()
        self.script = Script()
        responder = self.server.autoresponds(self.script.handle)
        self.addCleanup(responder.cancel)

    async def open(self, persistence: Any = None, port: Any = None, **options: Any) -> Any:
        persistence = persistence if persistence is not None else IdentifiableMongoDbPersistence()
        persistence.configure(config_for(port or self.server.port, **options))
        await persistence.open(None)
        self.addCleanup(persistence.close, None)
        self.script.requests.clear()
        return persistence

    def reply_documents(self, *documents: dict[str, Any]) -> None:
        """The next finds return C{documents}."""
        self.script.on("find", {"cursor": {"id": 0, "ns": "testdb.items", "firstBatch": list(documents)}})
