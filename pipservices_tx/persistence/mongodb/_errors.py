# -*- test-case-name: tests.persistence_mongodb.test_wire -*-
"""txmongo, pymongo and Twisted failures as portable ApplicationExceptions."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from twisted.internet import error as net_error
from twisted.internet.defer import CancelledError, TimeoutError

from ...errors import (
    ApplicationException,
    BadRequestException,
    ConfigException,
    ConflictException,
    ConnectionException,
    InvocationException,
    UnauthorizedException,
    UnknownException,
)

#: Server error codes of a refused login or a missing privilege.
_UNAUTHORIZED_CODES = frozenset((13, 18))
_NETWORK_ERRORS = (
    net_error.ConnectError,
    net_error.ConnectionLost,
    net_error.ConnectionDone,
    net_error.ConnectionClosed,
)


def timeout_error(
    correlation_id: Optional[str], address: str, what: str, ms: Optional[int], connected: bool
) -> ApplicationException:
    """
    A call that got no answer in time: C{MONGODB_TIMEOUT} while a connection
    was up, C{MONGODB_UNAVAILABLE} when none was (the server is away).
    """
    within = "" if ms is None else f" within {ms} ms"
    if connected:
        error = ConnectionException(correlation_id, "MONGODB_TIMEOUT", f"MongoDB at {address} did not answer {what}{within}")
    else:
        error = ConnectionException(
            correlation_id, "MONGODB_UNAVAILABLE", f"MongoDB at {address} is unavailable: no connection{within} ({what})"
        )
    return error.with_details("address", address)


def _duplicate(correlation_id: Optional[str], error: Any, id: Any) -> ConflictException:
    details = getattr(error, "details", None) or {}
    pattern = details.get("keyPattern") if isinstance(details, Mapping) else None
    message = str(error)
    if isinstance(pattern, Mapping):
        on_id = "_id" in pattern
    else:  # servers before 4.2 name the index in the message only
        on_id = "index: _id_ " in message or "index: " not in message
    if on_id and id is not None:
        conflict = ConflictException(correlation_id, "DUPLICATE_ID", f"An item with id {id!r} already exists")
        conflict.with_details("id", id)
    elif on_id:
        conflict = ConflictException(correlation_id, "DUPLICATE_ID", f"An item with this id already exists: {message}")
    else:
        conflict = ConflictException(correlation_id, "DUPLICATE_KEY", f"A unique index refused the item: {message}")
        conflict.with_details("key_pattern", dict(pattern) if isinstance(pattern, Mapping) else None)
    conflict.with_cause(error)
    return conflict


def translate_error(
    error: BaseException, correlation_id: Optional[str], address: str, what: str, id: Any = None
) -> BaseException:
    """
    The ApplicationException for a failure of C{what}: a duplicate key
    (E11000) is a ConflictException C{DUPLICATE_ID} (C{DUPLICATE_KEY} when
    another unique index refused it); a lost, refused or timed out connection
    is a ConnectionException; a refused login is an UnauthorizedException; a
    document BSON cannot hold is a BadRequestException; other server errors
    are InvocationExceptions C{MONGODB_ERROR} with the server's code.
    A cancellation is returned as it is.
    """
    if isinstance(error, (ApplicationException, CancelledError)):
        return error
    from pymongo import errors as mongo_errors
    from txmongo.errors import TimeExceeded

    if isinstance(error, mongo_errors.DuplicateKeyError):
        return _duplicate(correlation_id, error, id)
    if isinstance(error, (TimeoutError, TimeExceeded)):
        return timeout_error(correlation_id, address, what, None, True).with_cause(error)
    if isinstance(error, (mongo_errors.ConnectionFailure, *_NETWORK_ERRORS)):
        return ConnectionException(
            correlation_id, "MONGODB_UNAVAILABLE", f"MongoDB at {address} is unavailable ({what}): {error}"
        ).with_details("address", address).with_cause(error)
    if isinstance(error, mongo_errors.OperationFailure):
        code = error.code
        if code in _UNAUTHORIZED_CODES:
            return UnauthorizedException(
                correlation_id, "MONGODB_UNAUTHORIZED", f"MongoDB at {address} refused {what}: {error}"
            ).with_details("code", code).with_cause(error)
        return InvocationException(
            correlation_id, "MONGODB_ERROR", f"MongoDB at {address} failed {what}: {error}"
        ).with_details("code", code).with_cause(error)
    if isinstance(error, mongo_errors.ConfigurationError):
        return ConfigException(correlation_id, "BAD_URI", f"Invalid MongoDB connection: {error}").with_cause(error)
    if isinstance(error, (mongo_errors.InvalidDocument, mongo_errors.InvalidName, OverflowError)):
        return BadRequestException(
            correlation_id, "INVALID_ITEM", f"The item cannot be stored in MongoDB: {error}"
        ).with_cause(error)
    return UnknownException.wrap(error, correlation_id)
