# -*- test-case-name: tests.persistence_mongodb.test_conformance -*-
"""The persistence conformance kit against a real MongoDB, when C{MONGO_URI} names one."""

from __future__ import annotations

import os
from typing import Any

from twisted.trial import unittest

from pipservices_tx.config import ConfigParams
from pipservices_tx.discovery import parse_uri
from pipservices_tx.persistence.mongodb import IdentifiableMongoDbPersistence
from pipservices_tx.testing import PersistenceConformanceMixin

#: The database used when C{MONGO_URI} names none (it is emptied by every test).
DEFAULT_DATABASE = "pipservices_tx_test"


def mongo_config() -> ConfigParams:
    """The kit's config from C{MONGO_URI}, or a visible skip when it is not set."""
    uri = os.environ.get("MONGO_URI", "").strip()
    if not uri:
        raise unittest.SkipTest(
            "MONGO_URI is not set: no MongoDB can be installed on this machine, so the conformance kit "
            "runs against a real MongoDB only when MONGO_URI names one (under CI as well); the wire-level "
            "tests with mockupdb cover the commands"
        )
    config = ConfigParams({"connection.uri": uri, "collection": "conformance", "options.connect_timeout": 3000})
    if not parse_uri(uri, "mongodb", 27017).get("database"):
        config["connection.database"] = DEFAULT_DATABASE
    return config


class MongoDbConformanceTests(PersistenceConformanceMixin, unittest.TestCase):
    """Every kit test on the C{conformance} collection, emptied before each test."""

    timeout = 60

    async def make_persistence(self) -> Any:
        persistence = IdentifiableMongoDbPersistence()
        persistence.configure(mongo_config())
        await persistence.open(None)
        await persistence.clear(None)
        return persistence
