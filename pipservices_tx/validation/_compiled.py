# -*- test-case-name: tests.validation.test_compiled -*-
"""
Compiled schemas: a tree of the stock schemas and rules turned once into
closures that tell, without walking rules or making results, that a value
has no finding at all. When a closure cannot tell, the schema walks the value
as always, so the findings never depend on the plan.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from ._array_schema import ArraySchema
from ._existence_rules import AtLeastOneExistsRule, OnlyOneExistsRule
from ._filter_params_schema import FilterParamsSchema
from ._inclusion_rules import ExcludedRule, IncludedRule
from ._map_schema import MapSchema
from ._object_schema import ObjectSchema
from ._paging_params_schema import PagingParamsSchema
from ._property_schema import _PLAIN_TYPES, PropertySchema
from ._schema import Schema
from ._type_matcher import match_type

Check = Callable[[Any], bool]
"""C{check(value)}: True only when validating C{value} gives no finding at all."""

#: Rules whose findings do not depend on the path they are given (only their messages do).
_PATH_FREE_RULES = (AtLeastOneExistsRule, OnlyOneExistsRule, IncludedRule, ExcludedRule)


class NotCompilable(Exception):
    """A schema or rule of a kind the compiler does not know: the schema is walked."""


def compile_schema(schema: Schema) -> Check:
    """The check of C{schema}; NotCompilable when a part of it is of an unknown kind."""
    kind = type(schema)
    if kind in (ObjectSchema, PagingParamsSchema):
        return _object_check(schema)  # type: ignore[arg-type]
    if kind in (MapSchema, FilterParamsSchema):
        return _map_check(schema)  # type: ignore[arg-type]
    if kind is ArraySchema:
        return _array_check(schema)  # type: ignore[arg-type]
    raise NotCompilable(kind.__name__)


def _rules_check(schema: Schema) -> Optional[Check]:
    rules = list(schema.rules)
    if not rules:
        return None
    for rule in rules:
        if type(rule) not in _PATH_FREE_RULES:
            raise NotCompilable(type(rule).__name__)

    def check(value: Any) -> bool:
        found: list[Any] = []
        for rule in rules:
            rule.validate("", schema, value, found)
        return not found

    return check


def _type_check(expected: Any, accept_strings: bool) -> Optional[Check]:
    """What C{Schema.validate_type} does, as a check; None when every value passes."""
    if expected is None:
        return None
    if isinstance(expected, Schema):
        return compile_schema(expected)
    plain = _PLAIN_TYPES.get(expected)

    def check(value: Any) -> bool:
        return value is None or type(value) is plain or match_type(expected, value, accept_strings)

    return check


def _property_check(schema: PropertySchema) -> Check:
    if type(schema) is not PropertySchema:
        raise NotCompilable(type(schema).__name__)
    required = schema.required
    rules = _rules_check(schema)
    of_type = _type_check(schema.value_type, schema.accept_strings)
    if isinstance(schema.value_type, Schema):
        typed = of_type

        def check(value: Any) -> bool:  # the nested schema also sees None (it may be required)
            if value is None and required:
                return False
            if value is not None and rules is not None and not rules(value):
                return False
            return typed(value)  # type: ignore[misc]

        return check

    def plain_check(value: Any) -> bool:
        if value is None:
            return not required
        return (rules is None or rules(value)) and (of_type is None or of_type(value))

    return plain_check


def _object_check(schema: ObjectSchema) -> Check:
    required = schema.required
    rules = _rules_check(schema)
    properties = [(prop.name, _property_check(prop)) for prop in schema.properties]
    declared = frozenset(name for name, _ in properties)
    closed = not schema.allow_undefined

    def check(value: Any) -> bool:
        if value is None:
            return not required
        if type(value) is not dict:
            return False  # attributes of an object: the walk reads them
        if rules is not None and not rules(value):
            return False
        get = value.get
        for name, of_property in properties:
            if not of_property(get(name)):
                return False
        return not closed or value.keys() <= declared

    return check


def _map_check(schema: MapSchema) -> Check:
    required = schema.required
    rules = _rules_check(schema)
    keys = _type_check(schema.key_type, schema.accept_strings)
    values = _type_check(schema.value_type, schema.accept_strings)

    def check(value: Any) -> bool:
        if value is None:
            return not required
        if type(value) is not dict:
            return False
        if rules is not None and not rules(value):
            return False
        for key, item in value.items():
            if (keys is not None and not keys(key)) or (values is not None and not values(item)):
                return False
        return True

    return check


def _array_check(schema: ArraySchema) -> Check:
    required = schema.required
    rules = _rules_check(schema)
    items = _type_check(schema.value_type, schema.accept_strings)

    def check(value: Any) -> bool:
        if value is None:
            return not required
        if not isinstance(value, (list, tuple, set, frozenset)):
            return False
        if rules is not None and not rules(value):
            return False
        return items is None or all(map(items, value))

    return check
