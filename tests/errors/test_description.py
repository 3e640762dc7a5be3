"""Tests for ErrorDescription, error_from_description, annotate_error and register_error_class."""

from __future__ import annotations

import json
from typing import ClassVar

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import (
    ApplicationException,
    BadRequestException,
    ConfigException,
    ConflictException,
    CreateException,
    ErrorDescription,
    InternalException,
    NotFoundException,
    ReferenceException,
    UnknownException,
    annotate_error,
    error_from_description,
    register_error_class,
)

from .test_exceptions import CATEGORY_TABLE

WIRE_FIELDS = {"type", "category", "status", "code", "message", "details", "correlation_id", "cause", "stack_trace"}


class _TestOnlyQuotaException(BadRequestException):
    """A user-defined error class, registered for rebuilding."""

    default_code: ClassVar[str] = "TEST_QUOTA_EXCEEDED"


register_error_class(_TestOnlyQuotaException)


def _through_the_wire(error: BaseException, include_stack_trace: bool = False) -> ApplicationException:
    body = json.dumps(ErrorDescription.from_error(error, include_stack_trace).to_json())
    return error_from_description(ErrorDescription.from_json(json.loads(body)))


class ToJsonTests(SynchronousTestCase):
    def test_fields(self) -> None:
        error = NotFoundException("c1", "NO_BEACON", "beacon 5 not found").with_details("id", "5")
        error.with_cause("missing row")
        value = ErrorDescription.from_error(error).to_json()
        self.assertEqual(set(value), WIRE_FIELDS)
        self.assertEqual(value, {
            "type": "NotFoundException",
            "category": "NotFound",
            "status": 404,
            "code": "NO_BEACON",
            "message": "beacon 5 not found",
            "details": {"id": "5"},
            "correlation_id": "c1",
            "cause": "missing row",
            "stack_trace": None,
        })

    def test_stack_trace_only_when_asked(self) -> None:
        try:
            raise ConfigException(None, "X", "bad")
        except ConfigException as e:
            error = e
        self.assertIsNone(ErrorDescription.from_error(error).stack_trace)
        trace = ErrorDescription.from_error(error, include_stack_trace=True).stack_trace
        assert trace is not None
        self.assertIn("test_stack_trace_only_when_asked", trace)

    def test_non_portable_error(self) -> None:
        description = ErrorDescription.from_error(ValueError("nope"))
        self.assertEqual(description.type, "ValueError")
        self.assertEqual(description.category, "Unknown")
        self.assertEqual(description.status, 500)
        self.assertEqual(description.code, "UNKNOWN")
        self.assertEqual(description.message, "nope")
        self.assertEqual(ErrorDescription.from_error(KeyError()).message, "KeyError")


class FromJsonTests(SynchronousTestCase):
    def test_complete_body(self) -> None:
        body = {
            "type": "ConflictException", "category": "Conflict", "status": 409, "code": "DUP",
            "message": "dup", "details": {"a": 1}, "correlation_id": "c", "cause": "x",
            "stack_trace": "st", "unknown_key": "ignored",
        }
        description = ErrorDescription.from_json(body)
        self.assertEqual(description.to_json(), {k: v for k, v in body.items() if k != "unknown_key"})

    def test_non_dict_input(self) -> None:
        for junk in ("plain text", 42, ["a"], None, 1.5):
            description = ErrorDescription.from_json(junk)
            self.assertEqual(description.category, "Unknown", junk)
            self.assertEqual(description.status, 500)
            self.assertEqual(description.code, "UNKNOWN")
            self.assertIsInstance(description.message, str)
        self.assertEqual(ErrorDescription.from_json("plain text").message, "plain text")

    def test_missing_fields(self) -> None:
        description = ErrorDescription.from_json({})
        self.assertEqual(
            (description.category, description.status, description.code, description.message),
            ("Unknown", 500, "UNKNOWN", ""),
        )
        self.assertIsNone(description.details)
        self.assertIsNone(description.correlation_id)
        self.assertEqual(ErrorDescription.from_json({"category": "NotFound"}).status, 404)

    def test_wrong_types(self) -> None:
        description = ErrorDescription.from_json({
            "category": "BadRequest", "status": "oops", "code": 17, "message": ["m"],
            "details": "not a map", "correlation_id": 99, "cause": {"x": 1}, "stack_trace": 3,
        })
        self.assertEqual(description.status, 400)
        self.assertEqual(description.code, "17")
        self.assertEqual(description.message, "['m']")
        self.assertIsNone(description.details)
        self.assertEqual(description.correlation_id, "99")
        self.assertIsInstance(description.cause, str)
        self.assertEqual(description.stack_trace, "3")
        self.assertEqual(ErrorDescription.from_json({"status": True}).status, 500)
        error = error_from_description(ErrorDescription.from_json({"category": 5, "status": None}))
        self.assertIsInstance(error, UnknownException)


class FromDescriptionTests(SynchronousTestCase):
    def test_every_category_round_trips(self) -> None:
        for cls, category, status in CATEGORY_TABLE:
            original = cls("corr-1", "MY_CODE", "went wrong").with_details("key", [1, "two"])
            original.with_cause("because")
            rebuilt = _through_the_wire(original)
            self.assertIs(type(rebuilt), cls)
            self.assertEqual(rebuilt.category, category)
            self.assertEqual(rebuilt.status, status)
            self.assertEqual(rebuilt.code, "MY_CODE")
            self.assertEqual(rebuilt.message, "went wrong")
            self.assertEqual(rebuilt.details, {"key": [1, "two"]})
            self.assertEqual(rebuilt.correlation_id, "corr-1")
            self.assertEqual(rebuilt.cause, "because")

    def test_category_without_type(self) -> None:
        rebuilt = error_from_description(ErrorDescription.from_json(
            {"category": "NotFound", "code": "X", "message": "m", "correlation_id": "c"}
        ))
        self.assertIsInstance(rebuilt, NotFoundException)
        self.assertEqual((rebuilt.status, rebuilt.code, rebuilt.correlation_id), (404, "X", "c"))

    def test_status_from_the_wire_is_kept(self) -> None:
        rebuilt = error_from_description(ErrorDescription(category="NotFound", status=410, code="GONE"))
        self.assertIsInstance(rebuilt, NotFoundException)
        self.assertEqual(rebuilt.status, 410)

    def test_unknown_category(self) -> None:
        rebuilt = error_from_description(ErrorDescription(category="Weird", status=418, code="TEAPOT"))
        self.assertIsInstance(rebuilt, UnknownException)
        self.assertEqual((rebuilt.category, rebuilt.status, rebuilt.code), ("Weird", 418, "TEAPOT"))

    def test_type_of_another_category_is_not_trusted(self) -> None:
        rebuilt = error_from_description(
            ErrorDescription(type="NotFoundException", category="Conflict", status=409, code="X")
        )
        self.assertIs(type(rebuilt), ConflictException)

    def test_stack_trace_is_carried(self) -> None:
        rebuilt = error_from_description(ErrorDescription(category="Internal", stack_trace="remote trace"))
        self.assertEqual(rebuilt.get_stack_trace(), "remote trace")

    def test_foundation_classes_are_registered(self) -> None:
        rebuilt = _through_the_wire(ReferenceException("c", "a:b:c:d:1.0"))
        self.assertIs(type(rebuilt), ReferenceException)
        self.assertEqual(rebuilt.details, {"locator": "a:b:c:d:1.0"})
        self.assertEqual(rebuilt.correlation_id, "c")
        rebuilt = _through_the_wire(CreateException(None, "x:y:z:w:1.0"))
        self.assertIs(type(rebuilt), CreateException)
        # Without the type, category and code still find the class.
        by_code = error_from_description(ErrorDescription(category="Internal", code="REF_ERROR"))
        self.assertIs(type(by_code), ReferenceException)

    def test_registered_class_by_type_and_by_code(self) -> None:
        rebuilt = _through_the_wire(_TestOnlyQuotaException("c9", None, "too many").with_details("limit", 3))
        self.assertIs(type(rebuilt), _TestOnlyQuotaException)
        self.assertEqual((rebuilt.status, rebuilt.code, rebuilt.details), (400, "TEST_QUOTA_EXCEEDED", {"limit": 3}))
        by_code = error_from_description(ErrorDescription.from_json(
            {"category": "BadRequest", "code": "TEST_QUOTA_EXCEEDED"}
        ))
        self.assertIs(type(by_code), _TestOnlyQuotaException)
        other_code = error_from_description(ErrorDescription.from_json({"category": "BadRequest", "code": "OTHER"}))
        self.assertIs(type(other_code), BadRequestException)

    def test_register_with_explicit_code(self) -> None:
        class _TestOnlyLockedException(InternalException):
            pass

        register_error_class(_TestOnlyLockedException, "TEST_LOCKED")
        rebuilt = error_from_description(ErrorDescription(category="Internal", code="TEST_LOCKED"))
        self.assertIs(type(rebuilt), _TestOnlyLockedException)

    def test_non_portable_error_becomes_unknown(self) -> None:
        rebuilt = _through_the_wire(RuntimeError("kaput"))
        self.assertIs(type(rebuilt), UnknownException)
        self.assertEqual(rebuilt.message, "kaput")


class AnnotateErrorTests(SynchronousTestCase):
    def test_keeps_class_code_details_and_correlation_id(self) -> None:
        original = NotFoundException("c1", "NO_FILE", "no such thing").with_details("path", "/x")
        annotated = annotate_error(original, "config.yml, entry 2")
        self.assertIs(type(annotated), NotFoundException)
        self.assertEqual(annotated.message, "config.yml, entry 2: no such thing")
        self.assertEqual(annotated.code, "NO_FILE")
        self.assertEqual(annotated.status, 404)
        self.assertEqual(annotated.details, {"path": "/x"})
        self.assertEqual(annotated.correlation_id, "c1")
        self.assertIs(annotated.__cause__, original)
        self.assertEqual(original.message, "no such thing")

    def test_non_portable_error_names_its_type(self) -> None:
        original = ValueError("bad port")
        annotated = annotate_error(original, "entry 1")
        self.assertIsInstance(annotated, UnknownException)
        self.assertEqual(annotated.message, "entry 1: ValueError: bad port")
        self.assertIs(annotated.__cause__, original)
        self.assertEqual(annotate_error(KeyError(), "entry 1").message, "entry 1: KeyError")

    def test_registered_subclass(self) -> None:
        annotated = annotate_error(ReferenceException(None, "a:b:c:d:1.0"), "entry 3")
        self.assertIs(type(annotated), ReferenceException)
        self.assertIn("entry 3: Failed to obtain reference to a:b:c:d:1.0", annotated.message)
