"""MongoDB persistences over txmongo (imported when a persistence opens, not before)."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "MongoDbClient":
        from . import _client

        module = _client
    elif name == "IdentifiableMongoDbPersistence":
        from . import _identifiable_mongodb_persistence

        module = _identifiable_mongodb_persistence
    elif name == "MongoDbPersistence":
        from . import _mongodb_persistence

        module = _mongodb_persistence
    elif name in ("equality_query", "literal_candidates"):
        from . import _query

        module = _query
    elif name in ("MongoDbAddress", "MongoDbOptions", "resolve_address"):
        from . import _settings

        module = _settings
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
