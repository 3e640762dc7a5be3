# -*- test-case-name: tests.seneca.test_patterns -*-
"""Seneca patterns: parsing C{role:beacons,cmd:x}, and finding the action a message matches."""

from __future__ import annotations

from operator import itemgetter
from typing import Any, Callable, Generic, Mapping, Optional, TypeVar, Union

from ..errors import ConfigException

T = TypeVar("T")

Pattern = dict[str, str]
"""The fields a message must have, with these values (as text), for an action to take it."""

PatternLike = Union[str, Mapping[str, Any], None]


def field_text(value: Any) -> Optional[str]:
    """
    A message value as seneca compares it with a pattern: strings as they are,
    numbers and booleans as JavaScript prints them; None for objects, lists and
    null, which match no pattern.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return None


def parse_pattern(pattern: PatternLike) -> Pattern:
    """
    C{"role:beacons,cmd:get"} (the jsonic form seneca's pins use, without
    nesting or quoting) or a mapping, as a L{Pattern}; None and C{""} are
    the empty pattern.
    """
    if pattern is None:
        return {}
    if isinstance(pattern, Mapping):
        result = {}
        for key, value in pattern.items():
            text = field_text(value)
            if not isinstance(key, str) or not key or text is None:
                raise ConfigException(None, "BAD_PATTERN", f"Pattern field {key!r}: {value!r} is not key:value text")
            result[key] = text
        return result
    result = {}
    for part in str(pattern).split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition(":")
        key, value = key.strip(), value.strip().strip("'\"")
        if not sep or not key or not value:
            raise ConfigException(None, "BAD_PATTERN", f"'{part.strip()}' in pattern '{pattern}' is not key:value")
        result[key] = value
    return result


def pattern_text(pattern: Mapping[str, Any]) -> str:
    """C{cmd:get,role:beacons}: fields sorted by name, as seneca prints a pattern."""
    return ",".join(f"{key}:{pattern[key]}" for key in sorted(pattern))


class PatternTable(Generic[T]):
    """
    Actions by pattern. A message goes to the action whose pattern has the
    most fields, all present in the message with the same values (the rule
    of seneca's pattern matcher); among patterns with as many fields, the one
    added first. Adding a pattern that is already there replaces its action.
    The lookup is one C-level field fetch and one dictionary probe per
    distinct set of field names; values other than text are converted only
    when that probe misses.
    """

    def __init__(self) -> None:
        # Most fields first: (field names, their fetcher, {probe key: (action, owner)}), where the probe key
        # is the one value of a single-field pattern, else the tuple of values in field-name order.
        self._groups: list[tuple[tuple[str, ...], Callable[[Mapping[str, Any]], Any],
                                 dict[Any, tuple[T, object]]]] = []

    def add(self, pattern: Mapping[str, str], action: T, owner: object = None) -> None:
        keys = tuple(sorted(pattern))
        probe = _probe_key(tuple(pattern[key] for key in keys))
        for group_keys, _, entries in self._groups:
            if group_keys == keys:
                entries[probe] = (action, owner)
                return
        self._groups.append((keys, itemgetter(*keys), {probe: (action, owner)}))
        self._groups.sort(key=lambda group: -len(group[0]))  # stable: first added first among equals

    def remove_owner(self, owner: object) -> None:
        """Forgets the actions that C{owner} added (a service that closes)."""
        for _, _, entries in self._groups:
            for probe in [p for p, (_, o) in entries.items() if o is owner]:
                del entries[probe]
        self._groups = [group for group in self._groups if group[2]]

    def find(self, message: Mapping[str, Any]) -> Optional[T]:
        """The action for C{message}, or None."""
        for keys, fetch, entries in self._groups:
            try:
                probe = fetch(message)
                entry = entries.get(probe)
            except KeyError:  # a field of the pattern is missing
                continue
            except TypeError:  # an object or a list among the values: matches nothing
                continue
            if entry is None:
                if type(probe) is str or (type(probe) is tuple and all(type(v) is str for v in probe)):
                    continue
                entry = entries.get(_as_text(probe, len(keys)))
                if entry is None:
                    continue
            return entry[0]
        return None

    def patterns(self) -> list[Pattern]:
        """Every pattern in the table, most fields first."""
        return [dict(zip(keys, probe if len(keys) > 1 else (probe,), strict=True))
                for keys, _, entries in self._groups for probe in entries]

    def __len__(self) -> int:
        return sum(len(entries) for _, _, entries in self._groups)


def _probe_key(values: tuple[str, ...]) -> Any:
    """What L{itemgetter} of these fields returns: the value itself for one field, else the tuple."""
    return values[0] if len(values) == 1 else values


def _as_text(probe: Any, count: int) -> Any:
    """The probe key with numbers and booleans as text; None when a value (object, list, null) matches nothing."""
    texts = tuple(field_text(value) for value in (probe if count > 1 else (probe,)))
    return None if None in texts else _probe_key(texts)  # type: ignore[arg-type]
