# -*- test-case-name: tests.persistence_mongodb.test_query -*-
"""Mongo queries, sorts and projections built from data parameters, and C{id} <-> C{_id}."""

from __future__ import annotations

import math
import re
from typing import Any, Iterable, Mapping, Optional

from ...data import FilterParams, ProjectionParams, SortParams
from ...errors import BadRequestException
from ...portability import StringConverter
from .._copying import copy_value

ID_FIELD = "id"
MONGO_ID_FIELD = "_id"
Document = dict[str, Any]

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)")
_INT64 = (-(2**63), 2**63 - 1)


def check_field(name: Any) -> str:
    """
    C{name} when it is safe as a Mongo field path; a BadRequestException
    (C{INVALID_FIELD}) when it is empty, holds a NUL or has a part starting
    with C{$}, which Mongo would read as an operator.
    """
    if not isinstance(name, str) or not name or "\x00" in name:
        raise BadRequestException(None, "INVALID_FIELD", f"Invalid field name {name!r}").with_details("field", name)
    if any(part.startswith("$") for part in name.split(".")):
        raise BadRequestException(
            None, "INVALID_FIELD", f"Field name {name!r} cannot start with '$'"
        ).with_details("field", name)
    return name


def mongo_field(name: Any) -> str:
    """The stored name of a public field path: C{id} is C{_id}."""
    return MONGO_ID_FIELD if name == ID_FIELD else check_field(name)


def literal_candidates(value: Optional[str]) -> list[Any]:
    """
    The stored values whose string form (as L{StringConverter} writes it) is
    C{value}: the string itself, and the integer, float or boolean it spells
    exactly (C{"3"}, C{"2.5"}, C{"true"}). This makes a filter match the same
    items in Mongo as in memory, where values are compared as strings.
    """
    if value is None:
        return [None]
    candidates: list[Any] = [value]
    if _INTEGER.fullmatch(value):
        number = int(value)
        if _INT64[0] <= number <= _INT64[1] and str(number) == value:
            candidates.append(number)
    else:
        try:
            real = float(value)
        except ValueError:
            real = math.nan
        if math.isfinite(real) and StringConverter.to_nullable_string(real) == value:
            candidates.append(real)
    if value in ("true", "false"):
        candidates.append(value == "true")
    return candidates


def literal_condition(value: Optional[str]) -> Document:
    """C{{"$eq": v}} or C{{"$in": [...]}}: always a literal comparison, never an operator."""
    candidates = literal_candidates(value)
    return {"$eq": candidates[0]} if len(candidates) == 1 else {"$in": candidates}


def equality_query(filter_params: Mapping[str, Any]) -> Document:
    """
    A Mongo query true when every named field equals its value (see
    L{literal_candidates}); a None value matches a missing or null field.
    Values are always literals: a value such as C{{"$where": ...}} is
    compared as its text.
    """
    query: Document = {}
    for name, value in filter_params.items():
        text = value if value is None or isinstance(value, str) else StringConverter.to_nullable_string(value)
        query[mongo_field(name)] = literal_condition(text)
    return query


def id_condition(id: Any) -> Document:
    """C{{"$eq": id}} after checking the id is a plain value, not a document or a pattern."""
    return {"$eq": check_id(id)}


def ids_condition(ids: Iterable[Any]) -> Document:
    return {"$in": [check_id(id) for id in ids]}


def check_id(id: Any) -> Any:
    if isinstance(id, (Mapping, list, tuple, set, re.Pattern)) or type(id).__name__ == "Regex":
        raise BadRequestException(None, "INVALID_ID", f"An id must be a plain value, not {type(id).__name__}")
    return id


def sort_document(sort: Any) -> Optional[Document]:
    """C{{"field": 1, "other": -1}} from a L{SortParams} (or its text); None for no order."""
    if callable(sort) and not isinstance(sort, (str, list)):
        raise BadRequestException(None, "UNSUPPORTED_SORT", "A MongoDB persistence cannot sort with a function")
    fields = SortParams.from_value(sort)
    if not fields:
        return None
    return {mongo_field(field.name): 1 if field.ascending else -1 for field in fields}


def projection_document(select: Any) -> Optional[Document]:
    """
    C{{"field": 1, ..., "_id": 0}} from a L{ProjectionParams}; C{_id} is left
    out unless C{id} is selected, as the memory persistence does. None selects
    every field.
    """
    paths = ProjectionParams.from_value(select)
    if not paths:
        return None
    projection: Document = {mongo_field(path): 1 for path in paths}
    projection.setdefault(MONGO_ID_FIELD, 0)
    return projection


def check_document(item: Any) -> Document:
    """A copy of C{item} whose top-level keys are safe to store (no C{$}, no NUL)."""
    if not isinstance(item, Mapping):
        raise BadRequestException(None, "INVALID_ITEM", f"An item must be a map, not {type(item).__name__}")
    for key in item:
        if key != ID_FIELD:
            if not isinstance(key, str) or not key or key.startswith("$") or "\x00" in key:
                raise BadRequestException(
                    None, "INVALID_FIELD", f"Invalid field name {key!r} in an item"
                ).with_details("field", key)
    return copy_value(dict(item))


def to_document(item: Document) -> Document:
    """The stored form of a public item (already copied): C{id} moves to C{_id}, first."""
    if ID_FIELD not in item:
        return item
    document = {MONGO_ID_FIELD: item[ID_FIELD]}
    document.update((key, value) for key, value in item.items() if key != ID_FIELD)
    return document


def to_public(document: Optional[Document]) -> Optional[Document]:
    """The public form of a stored document: C{_id} moves to C{id}, first. None stays None."""
    if document is None:
        return None
    if MONGO_ID_FIELD not in document:
        return dict(document)
    item = {ID_FIELD: document[MONGO_ID_FIELD]}
    item.update((key, value) for key, value in document.items() if key != MONGO_ID_FIELD)
    return item


def set_document(data: Mapping[str, Any]) -> Document:
    """
    The C{$set} operand of a partial update: every field of C{data} but
    C{id}, each checked as a field path (a dotted key sets a nested field).
    """
    if not isinstance(data, Mapping):
        raise BadRequestException(None, "INVALID_DATA", f"Partial update data must be a map, not {type(data).__name__}")
    return {check_field(key): copy_value(value) for key, value in data.items() if key != ID_FIELD}


def filter_params_of(value: Any) -> FilterParams:
    """A FilterParams from a FilterParams, a map, a C{a=1;b=2} string or None."""
    return value if isinstance(value, FilterParams) else FilterParams.from_value(value)
