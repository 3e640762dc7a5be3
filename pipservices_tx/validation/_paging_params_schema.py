# -*- test-case-name: tests.validation.test_object_schema -*-
"""PagingParamsSchema: the schema of a paging argument (skip, take, total)."""

from __future__ import annotations

from ..portability import TypeCode
from ._object_schema import ObjectSchema


class PagingParamsSchema(ObjectSchema):
    """
    Optional C{skip} and C{take} (Long) and C{total} (Boolean); strings that
    convert are accepted, since paging often comes from a query string.
    """

    def __init__(self, required: bool = False) -> None:
        super().__init__(allow_undefined=False, required=required, accept_strings=True)
        self.with_optional_property("skip", TypeCode.Long)
        self.with_optional_property("take", TypeCode.Long)
        self.with_optional_property("total", TypeCode.Boolean)
