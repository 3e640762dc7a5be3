# -*- test-case-name: tests.persistence_mongodb.test_conformance_emulated -*-
"""The persistence conformance kit over the wire, against MockupDB answering with mongomock."""

from __future__ import annotations

from typing import Any

from twisted.trial import unittest

from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence
from pipservices_tx.testing import PersistenceConformanceMixin

from ._base import config_for
from ._emulated_mongo import EmulatedMongo
from ._mock_mongo import mock_server


class EmulatedMongoConformanceTests(PersistenceConformanceMixin, unittest.TestCase):
    """
    Every kit test through txmongo and the real wire protocol; the commands
    run in mongomock, so this checks that the queries, sorts, projections,
    upserts and duplicate-key replies mean what the kit expects. The same
    kit runs against a real MongoDB in C{test_conformance} when
    C{MONGO_URI} is set.
    """

    timeout = 30

    async def make_persistence(self) -> Any:
        server = mock_server()
        responder = server.autoresponds(EmulatedMongo().handle)
        self.addCleanup(responder.cancel)
        persistence = IdentifiableMongoDbPersistence()
        persistence.configure(config_for(server.port, request_timeout=5000, max_pool_size=2))
        await persistence.open(None)
        return persistence
