"""MongoDB persistences over txmongo (imported when a persistence opens, not before)."""

from ._client import MongoDbClient
from ._identifiable_mongodb_persistence import IdentifiableMongoDbPersistence
from ._mongodb_persistence import MongoDbPersistence
from ._query import equality_query, literal_candidates
from ._settings import MongoDbAddress, MongoDbOptions, resolve_address

__all__ = [
    "IdentifiableMongoDbPersistence",
    "MongoDbAddress",
    "MongoDbClient",
    "MongoDbOptions",
    "MongoDbPersistence",
    "equality_query",
    "literal_candidates",
    "resolve_address",
]
