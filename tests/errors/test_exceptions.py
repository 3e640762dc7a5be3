"""Tests for the exception classes, their categories, statuses and fluent setters."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import (
    STATUS_BY_CATEGORY,
    ApplicationException,
    BadRequestException,
    ConfigException,
    ConflictException,
    ConnectionException,
    CreateException,
    ErrorCategory,
    FileException,
    InternalException,
    InvalidStateException,
    InvocationException,
    NotFoundException,
    ReferenceException,
    UnauthorizedException,
    UnknownException,
    UnsupportedException,
)
from pipservices_tx.refer import Descriptor

# docs/protocol.rst, section 5: (class, category, status).
CATEGORY_TABLE = [
    (BadRequestException, "BadRequest", 400),
    (UnauthorizedException, "Unauthorized", 401),
    (NotFoundException, "NotFound", 404),
    (ConflictException, "Conflict", 409),
    (UnsupportedException, "Unsupported", 501),
    (UnknownException, "Unknown", 500),
    (InternalException, "Internal", 500),
    (ConfigException, "Misconfiguration", 500),
    (InvalidStateException, "InvalidState", 500),
    (ConnectionException, "NoResponse", 503),
    (InvocationException, "FailedInvocation", 500),
    (FileException, "FileError", 500),
]


class CategoryTests(SynchronousTestCase):
    def test_twelve_categories(self) -> None:
        self.assertEqual(len(CATEGORY_TABLE), 12)
        self.assertEqual(len({category for _, category, _ in CATEGORY_TABLE}), 12)
        self.assertEqual(set(STATUS_BY_CATEGORY), {category for _, category, _ in CATEGORY_TABLE})

    def test_each_class_has_its_category_and_status(self) -> None:
        for cls, category, status in CATEGORY_TABLE:
            error = cls("corr", "SOME_CODE", "some message")
            self.assertIsInstance(error, ApplicationException)
            self.assertEqual((error.category, error.status), (category, status), cls.__name__)
            self.assertEqual(STATUS_BY_CATEGORY[category], status)

    def test_category_constants(self) -> None:
        self.assertEqual(ErrorCategory.BAD_REQUEST, "BadRequest")
        self.assertEqual(ErrorCategory.MISCONFIGURATION, "Misconfiguration")
        self.assertEqual(ErrorCategory.NO_RESPONSE, "NoResponse")
        self.assertEqual(ErrorCategory.FILE_ERROR, "FileError")

    def test_defaults(self) -> None:
        error = NotFoundException()
        self.assertEqual(error.code, "NOT_FOUND")
        self.assertEqual(error.message, "NOT_FOUND")
        self.assertIsNone(error.correlation_id)
        self.assertIsNone(error.details)
        self.assertIsNone(error.cause)

    def test_constructor_fields(self) -> None:
        error = ConflictException("123", "DUPLICATE", "already there")
        self.assertEqual(error.correlation_id, "123")
        self.assertEqual(error.code, "DUPLICATE")
        self.assertEqual(error.message, "already there")
        self.assertEqual(str(error), "already there")
        self.assertIn("DUPLICATE", repr(error))
        self.assertIn("ConflictException", repr(error))

    def test_explicit_status_and_category(self) -> None:
        error = ApplicationException(None, "X", "m", category=ErrorCategory.NOT_FOUND, status=410)
        self.assertEqual((error.category, error.status), ("NotFound", 410))
        error = ApplicationException(None, "X", "m", category=ErrorCategory.CONFLICT)
        self.assertEqual(error.status, 409)


class FluentTests(SynchronousTestCase):
    def test_with_methods_return_the_same_error(self) -> None:
        error = BadRequestException(None, "A", "bad")
        self.assertIs(error.with_code("B"), error)
        self.assertIs(error.with_details("field", "name"), error)
        self.assertIs(error.with_details("value", 5), error)
        self.assertIs(error.with_correlation_id("c1"), error)
        self.assertIs(error.with_cause("it broke"), error)
        self.assertIs(error.with_status(422), error)
        self.assertIs(error.with_stack_trace("trace"), error)
        self.assertEqual(error.code, "B")
        self.assertEqual(error.details, {"field": "name", "value": 5})
        self.assertEqual(error.correlation_id, "c1")
        self.assertEqual(error.cause, "it broke")
        self.assertEqual(error.status, 422)
        self.assertEqual(error.get_stack_trace(), "trace")

    def test_with_code_empty_restores_default(self) -> None:
        self.assertEqual(NotFoundException(None, "X").with_code("").code, "NOT_FOUND")

    def test_with_cause_exception(self) -> None:
        original = KeyError("k")
        error = InternalException().with_cause(original)
        self.assertIs(error.__cause__, original)
        self.assertEqual(error.cause, str(original))
        self.assertEqual(InternalException().with_cause(ValueError()).cause, "ValueError")

    def test_own_stack_trace(self) -> None:
        self.assertIsNone(InternalException().get_stack_trace())
        try:
            raise InternalException(None, "X", "raised here")
        except InternalException as e:
            trace = e.get_stack_trace()
        assert trace is not None
        self.assertIn("raised here", trace)
        self.assertIn("test_own_stack_trace", trace)

    def test_wrap(self) -> None:
        portable = NotFoundException()
        self.assertIs(ConnectionException.wrap(portable), portable)
        wrapped = ConnectionException.wrap(OSError("refused"), "c2")
        self.assertIsInstance(wrapped, ConnectionException)
        self.assertEqual(wrapped.message, "refused")
        self.assertEqual(wrapped.correlation_id, "c2")
        self.assertEqual(wrapped.cause, "refused")
        self.assertIsInstance(wrapped.__cause__, OSError)


class FoundationExceptionTests(SynchronousTestCase):
    def test_reference_exception_names_locator(self) -> None:
        locator = Descriptor("my", "persistence", "*", "*", "1.0")
        error = ReferenceException("c3", locator)
        self.assertIsInstance(error, InternalException)
        self.assertEqual(error.code, "REF_ERROR")
        self.assertEqual(error.status, 500)
        self.assertEqual(error.correlation_id, "c3")
        self.assertIn("my:persistence:*:*:1.0", error.message)
        self.assertEqual(error.details, {"locator": "my:persistence:*:*:1.0"})

    def test_create_exception(self) -> None:
        error = CreateException(None, "a:b:c:d:1.0")
        self.assertIsInstance(error, InternalException)
        self.assertEqual(error.code, "CANNOT_CREATE")
        self.assertIn("a:b:c:d:1.0", error.message)
        self.assertEqual(error.details, {"locator": "a:b:c:d:1.0"})
        self.assertEqual(CreateException(None, "x", "custom").message, "custom")
        self.assertIsNone(CreateException().details)
