"""Hypothesis strategies of JSON values and of odd Python values, for never-raise tests."""

from __future__ import annotations

import datetime
import enum
from typing import Any

import attrs
from hypothesis import strategies as st


class Color(enum.Enum):
    RED = "red"
    BLUE = 2


class Exploding:
    """An object every dunder of which fails."""

    def __str__(self) -> str:
        raise RuntimeError("no str")

    def __repr__(self) -> str:
        raise RuntimeError("no repr")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no eq")

    __hash__ = object.__hash__


@attrs.define
class Point:
    x: Any = None
    y: Any = None


class Plain:
    def __init__(self, value: Any) -> None:
        self.value = value
        self._hidden = "secret"


def cycle() -> list[Any]:
    items: list[Any] = [1]
    items.append(items)
    return items


def self_map() -> dict[str, Any]:
    values: dict[str, Any] = {"a": 1}
    values["me"] = values
    return values


# Real UTC offsets are whole minutes (ISO 8601 has no finer offsets).
zones = st.none() | st.builds(
    datetime.timezone,
    st.integers(min_value=-23 * 60, max_value=23 * 60).map(lambda minutes: datetime.timedelta(minutes=minutes)),
)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)

json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)

odd_scalars = (
    st.floats()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.binary(max_size=10)
    | st.builds(bytearray, st.binary(max_size=5))
    | st.decimals()
    | st.fractions()
    | st.complex_numbers()
    | st.datetimes(timezones=zones)
    | st.dates()
    | st.times()
    | st.timedeltas()
    | st.sampled_from(list(Color))
    | st.builds(object)
    | st.builds(Exploding)
    | st.builds(cycle)
    | st.builds(self_map)
    | st.just(int)
    | st.just(len)
    | st.sampled_from(["", " ", "nan", "inf", "-inf", "1e400", "0x10", "1_000", "true", "2024-02-30", "\x00"])
)

junk = st.recursive(
    json_scalars | odd_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.tuples(children, children)
        | st.frozensets(st.integers() | st.text(max_size=3), max_size=3)
        | st.dictionaries(st.text(max_size=5) | st.integers(), children, max_size=4)
        | st.builds(Point, children, children)
        | st.builds(Plain, children)
    ),
    max_leaves=15,
)
