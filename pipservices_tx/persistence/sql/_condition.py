# -*- test-case-name: tests.persistence_sql.test_layout -*-
"""SQL conditions: a WHERE fragment with C{%s} placeholders and its parameters."""

from __future__ import annotations

from typing import Any, Optional

#: C{("data ->> %s = %s", ["site_id", "1"])}: SQL text with placeholders, and the values.
SqlCondition = tuple[str, list[Any]]

TRUE: SqlCondition = ("1 = 1", [])
FALSE: SqlCondition = ("1 = 0", [])


def and_conditions(*conditions: Optional[SqlCondition]) -> Optional[SqlCondition]:
    """The conjunction of the conditions that are not None; None when there is none."""
    present = [condition for condition in conditions if condition is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]
    params: list[Any] = []
    for _, values in present:
        params.extend(values)
    return " AND ".join(f"({sql})" for sql, _ in present), params


def or_conditions(*conditions: Optional[SqlCondition]) -> Optional[SqlCondition]:
    """The disjunction of the conditions that are not None; None when there is none."""
    present = [condition for condition in conditions if condition is not None]
    if not present:
        return None
    params: list[Any] = []
    for _, values in present:
        params.extend(values)
    return " OR ".join(f"({sql})" for sql, _ in present), params
