# -*- test-case-name: tests.persistence_mongodb.test_exports -*-
"""The public names of C{pipservices_tx.persistence.mongodb}."""

from __future__ import annotations

from twisted.trial import unittest

import pipservices_tx.persistence.mongodb as mongodb


class ExportTests(unittest.SynchronousTestCase):
    def test_all(self) -> None:
        self.assertEqual(sorted(mongodb.__all__), [
            "IdentifiableMongoDbPersistence",
            "MongoDbAddress",
            "MongoDbClient",
            "MongoDbOptions",
            "MongoDbPersistence",
            "equality_query",
            "literal_candidates",
            "resolve_address",
        ])
        for name in mongodb.__all__:
            self.assertTrue(hasattr(mongodb, name), name)
