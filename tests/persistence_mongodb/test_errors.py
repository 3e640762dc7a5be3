# -*- test-case-name: tests.persistence_mongodb.test_errors -*-
"""Which ApplicationException each driver failure becomes."""

from __future__ import annotations

from bson.errors import InvalidDocument
from pymongo.errors import AutoReconnect, DuplicateKeyError, InvalidURI, OperationFailure
from twisted.internet.defer import CancelledError, TimeoutError
from twisted.internet.error import ConnectionRefusedError
from twisted.trial import unittest
from txmongo.errors import TimeExceeded

from pipservices_tx.errors import (
    BadRequestException,
    ConfigException,
    ConflictException,
    ConnectionException,
    InvocationException,
    NotFoundException,
    UnauthorizedException,
)
from pipservices_tx.persistence.mongodb._errors import translate_error


def translate(error: BaseException, id: object = None) -> BaseException:
    return translate_error(error, "cid", "mongodb://h:27017/db", "insert", id)


class TranslateTests(unittest.SynchronousTestCase):
    def test_duplicate_keys(self) -> None:
        on_id = DuplicateKeyError("E11000 ... index: _id_ dup key", 11000, {"keyPattern": {"_id": 1}})
        on_key = DuplicateKeyError("E11000 ... index: key_1 dup key", 11000, {"keyPattern": {"key": 1}})
        old_on_key = DuplicateKeyError("E11000 ... index: key_1 dup key: { : 1 }", 11000, {})
        bare = DuplicateKeyError("E11000 duplicate key", 11000, None)
        cases = [(on_id, "DUPLICATE_ID"), (on_key, "DUPLICATE_KEY"), (old_on_key, "DUPLICATE_KEY"), (bare, "DUPLICATE_ID")]
        for error, code in cases:
            conflict = translate(error, "7")
            self.assertIsInstance(conflict, ConflictException)
            self.assertEqual((conflict.code, conflict.correlation_id), (code, "cid"))  # type: ignore[attr-defined]
        self.assertEqual(translate(on_id, "7").details, {"id": "7"})  # type: ignore[attr-defined]

    def test_connection_failures(self) -> None:
        for error, code in ((AutoReconnect("lost"), "MONGODB_UNAVAILABLE"),
                            (ConnectionRefusedError(), "MONGODB_UNAVAILABLE"),
                            (TimeExceeded("late"), "MONGODB_TIMEOUT"),
                            (TimeoutError(), "MONGODB_TIMEOUT")):
            translated = translate(error)
            self.assertIsInstance(translated, ConnectionException)
            self.assertEqual(translated.code, code)  # type: ignore[attr-defined]

    def test_server_and_client_errors(self) -> None:
        self.assertIsInstance(translate(OperationFailure("auth failed", 18)), UnauthorizedException)
        failed = translate(OperationFailure("bad", 2))
        self.assertIsInstance(failed, InvocationException)
        self.assertEqual(failed.details, {"code": 2})  # type: ignore[attr-defined]
        self.assertIsInstance(translate(InvalidURI("nope")), ConfigException)
        self.assertIsInstance(translate(InvalidDocument("key must not contain NUL")), BadRequestException)

    def test_portable_errors_and_cancellations_pass_through(self) -> None:
        portable, cancelled = NotFoundException("x", "GONE", "gone"), CancelledError()
        self.assertIs(translate(portable), portable)
        self.assertIs(translate(cancelled), cancelled)
