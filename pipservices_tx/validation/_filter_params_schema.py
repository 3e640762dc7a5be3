# -*- test-case-name: tests.validation.test_map_schema -*-
"""FilterParamsSchema: the schema of a filter argument (string keys, any values)."""

from __future__ import annotations

from ..portability import TypeCode
from ._map_schema import MapSchema


class FilterParamsSchema(MapSchema):
    """A map with string keys; values of any type (they are compared loosely by filters)."""

    def __init__(self, required: bool = False) -> None:
        super().__init__(TypeCode.String, None, required)
