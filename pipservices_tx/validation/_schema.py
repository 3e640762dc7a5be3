# -*- test-case-name: tests.validation.test_schema -*-
"""Schema: the base of all schemas — a required flag and a list of rules."""

from __future__ import annotations

from typing import Any, ClassVar, Iterable, Optional, TypeVar

from ..portability import JsonConverter, TypeConverter
from ._exception import ValidationException
from ._interfaces import IJsonSchemaRule, IValidationRule
from ._result import ValidationResult
from ._result_type import ValidationResultType
from ._type_matcher import match_type, type_name

_S = TypeVar("_S", bound="Schema")


def show(value: Any) -> str:
    """A value as it appears in messages: its JSON text (never raises)."""
    return JsonConverter.to_json(value) or "null"


def merge_json_schema(target: dict[str, Any], fragment: dict[str, Any]) -> None:
    """Adds C{fragment}'s keywords to C{target}; clashing ones go under C{allOf}."""
    if not fragment:
        return
    if any(key in target for key in fragment):
        target.setdefault("allOf", []).append(fragment)
    else:
        target.update(fragment)


#: Bumped by every change to any schema: compiled plans made before it are stale.
_generation = [0]


class _TrackedList(list):  # type: ignore[type-arg]
    """The C{rules} and C{properties} of a schema: a change to them makes compiled plans stale."""

    def _changed(self) -> None:
        _generation[0] += 1


def _tracking(name: str) -> Any:
    method = getattr(list, name)

    def changed(self: _TrackedList, *args: Any) -> Any:
        result = method(self, *args)
        self._changed()
        return result

    changed.__name__ = name
    return changed


for _name in ("append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
              "__setitem__", "__delitem__", "__iadd__", "__imul__"):
    setattr(_TrackedList, _name, _tracking(_name))


class Schema:
    """
    Checks that a value is present when required and passes every rule;
    subclasses add the checks of their kind (object, array, map...).

    @ivar accept_strings: when set, a string fits a number, Boolean or
        Duration type if it converts to it (values from query strings).
    """

    type_name: ClassVar[str] = "Object"

    # The compiled plan (L{_compiled}) and the generation of schemas it was made at.
    _plan: Any = None
    _plan_generation = -1
    _plan_seen = -1

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("_plan"):
            object.__setattr__(self, name, value)
            return
        if type(value) is list and name in ("rules", "properties"):
            value = _TrackedList(value)
        object.__setattr__(self, name, value)
        _generation[0] += 1

    def __init__(
        self,
        required: bool = False,
        rules: Optional[Iterable[IValidationRule]] = None,
        accept_strings: bool = False,
    ) -> None:
        self.required: bool = required
        self.rules: list[IValidationRule] = list(rules or [])
        self.accept_strings: bool = accept_strings

    # -- building -------------------------------------------------------------

    def make_required(self: _S) -> _S:
        self.required = True
        return self

    def make_optional(self: _S) -> _S:
        self.required = False
        return self

    def with_rule(self: _S, rule: IValidationRule) -> _S:
        self.rules.append(rule)
        return self

    # -- validation -----------------------------------------------------------

    def perform_validation(self, path: str, value: Any, results: list[ValidationResult]) -> None:
        """Appends the findings about C{value}, found at C{path}, to C{results}."""
        if value is None:
            if self.required:
                name = path or "value"
                results.append(
                    ValidationResult(
                        path, ValidationResultType.Error, "VALUE_IS_NULL",
                        f"{name} must not be null", "NOT NULL", None,
                    )
                )
            return
        for rule in self.rules:
            rule.validate(path, self, value, results)

    def validate_type(self, path: str, expected: Any, value: Any, results: list[ValidationResult]) -> None:
        """
        Checks C{value} against C{expected}: a nested L{Schema} validates it in
        full, a TypeCode, type name or Python type checks its type; None passes.
        """
        if expected is None:
            return
        if isinstance(expected, Schema):
            expected.perform_validation(path, value, results)
            return
        if value is None or match_type(expected, value, self.accept_strings):
            return
        results.append(self.type_mismatch(path, type_name(expected), value))

    @staticmethod
    def type_mismatch(path: str, expected: str, value: Any) -> ValidationResult:
        actual = TypeConverter.to_string(TypeConverter.to_type_code(value))
        return ValidationResult(
            path, ValidationResultType.Error, "TYPE_MISMATCH",
            f"{path or 'value'} must be {expected} but found {actual}", expected, actual,
        )

    def validate(self, value: Any) -> list[ValidationResult]:
        """Every finding about C{value}; an empty list when it is valid. Never raises."""
        plan = self._plan_now()
        if plan is not None and plan(value):
            return []  # the compiled plan tells there is no finding; else the walk finds them
        results: list[ValidationResult] = []
        self.perform_validation("", value, results)
        return results

    def _plan_now(self) -> Any:
        """
        The compiled check of this schema (None when it has none): made on the
        second validation after the last change to any schema, so schemas still
        being built, or built for one call, are only walked.
        """
        generation = _generation[0]
        if self._plan_generation == generation:
            return self._plan
        if self._plan_seen != generation:
            self._plan_seen = generation
            return None
        from ._compiled import NotCompilable, compile_schema

        try:
            self._plan = compile_schema(self)
        except NotCompilable:
            self._plan = None
        self._plan_generation = generation
        return self._plan

    def validate_and_return_exception(
        self, correlation_id: Optional[str], value: Any, strict: bool = False
    ) -> Optional[ValidationException]:
        """A L{ValidationException} when there is an error (or, if C{strict}, a warning)."""
        return ValidationException.from_results(correlation_id, self.validate(value), strict)

    def validate_and_throw_exception(self, correlation_id: Optional[str], value: Any, strict: bool = False) -> None:
        """Raises the exception of L{validate_and_return_exception}, if any."""
        results = self.validate(value)
        if results:
            ValidationException.throw_exception_if_needed(correlation_id, results, strict)

    # -- JSON Schema ----------------------------------------------------------

    def to_json_schema(self) -> dict[str, Any]:
        """The value as JSON Schema (draft 2020-12, and OpenAPI 3.0 where they agree)."""
        return self._with_rules({})

    def _with_rules(self, result: dict[str, Any]) -> dict[str, Any]:
        for rule in self.rules:
            if IJsonSchemaRule.providedBy(rule):
                merge_json_schema(result, rule.to_json_schema())
        return result
