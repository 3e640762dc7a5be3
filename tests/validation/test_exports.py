"""Pins the public names of pipservices_tx.validation."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

import pipservices_tx.validation as validation


class ExportsTests(SynchronousTestCase):
    def test_all(self) -> None:
        self.assertEqual(
            sorted(validation.__all__),
            sorted([
                "AndRule", "ArraySchema", "AtLeastOneExistsRule", "ExcludedRule", "FilterParamsSchema",
                "IJsonSchemaRule", "IValidationRule", "IncludedRule", "MapSchema", "NotRule", "ObjectComparator",
                "ObjectSchema", "OnlyOneExistsRule", "OrRule", "PagingParamsSchema", "PropertiesComparisonRule",
                "PropertySchema", "Schema", "ValidationException", "ValidationResult", "ValidationResultType",
                "ValueComparisonRule",
            ]),
        )
        for name in validation.__all__:
            self.assertTrue(hasattr(validation, name), name)
