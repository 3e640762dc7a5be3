"""Property tests: validating any value never raises, except through validate_and_throw_exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.portability import TypeCode
from pipservices_tx.validation import (
    AndRule,
    ArraySchema,
    AtLeastOneExistsRule,
    ExcludedRule,
    FilterParamsSchema,
    IncludedRule,
    MapSchema,
    NotRule,
    ObjectSchema,
    OnlyOneExistsRule,
    OrRule,
    PagingParamsSchema,
    PropertiesComparisonRule,
    Schema,
    ValidationException,
    ValidationResult,
    ValueComparisonRule,
)

from ..portability.strategies import json_values, junk

SETTINGS = settings(max_examples=200, deadline=None)


def schemas() -> list[Schema]:
    beacon = (
        ObjectSchema()
        .with_required_property("site_id", TypeCode.String, ValueComparisonRule("LIKE", "^[0-9]+$"))
        .with_required_property("udi", "str")
        .with_optional_property("type", TypeCode.String, IncludedRule("altbeacon", "ibeacons"))
        .with_optional_property("center", ObjectSchema(allow_undefined=True).with_optional_property(
            "coordinates", ArraySchema(TypeCode.Float)))
        .with_optional_property("radius", float, AndRule(ValueComparisonRule("GE", 0), ExcludedRule(13)))
        .with_optional_property("when", TypeCode.DateTime)
        .with_rule(OrRule(AtLeastOneExistsRule("udi"), NotRule(OnlyOneExistsRule("id", "udi"))))
        .with_rule(PropertiesComparisonRule("site_id", "NE", "udi"))
    )
    return [
        ObjectSchema().with_required_property("beacon", beacon),
        ArraySchema(MapSchema(TypeCode.String, TypeCode.Long)),
        MapSchema(TypeCode.Integer, ArraySchema(TypeCode.Enum), accept_strings=True),
        PagingParamsSchema(),
        FilterParamsSchema(),
        Schema(required=True, rules=[ValueComparisonRule("LT", 0)]),
    ]


SCHEMAS = schemas()


class NeverRaiseTests(SynchronousTestCase):
    @SETTINGS
    @given(json_values | junk)
    def test_validate_never_raises(self, value: Any) -> None:
        for schema in SCHEMAS:
            results = schema.validate(value)
            self.assertTrue(all(isinstance(result, ValidationResult) for result in results))
            json.dumps([result.to_json() for result in results], allow_nan=False)
            self.assertEqual(schema.validate_and_return_exception("c", value) is None, not results)

    @SETTINGS
    @given(json_values)
    def test_throw_only_through_validation_exception(self, value: Any) -> None:
        for schema in SCHEMAS:
            try:
                schema.validate_and_throw_exception("c", value)
            except ValidationException as error:
                self.assertEqual(error.results, schema.validate(value))
                self.assertEqual(error.status, 400)

    @SETTINGS
    @given(st.fixed_dictionaries({}, optional={"skip": st.integers(0, 10**6), "take": st.integers(0, 100),
                                               "total": st.booleans()}))
    def test_paging_as_values_or_strings(self, paging: dict[str, Any]) -> None:
        schema = PagingParamsSchema()
        self.assertEqual(schema.validate(paging), [])
        as_strings = {key: json.dumps(value) for key, value in paging.items()}
        self.assertEqual(schema.validate(as_strings), [])
