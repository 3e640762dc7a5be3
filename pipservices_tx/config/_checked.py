# -*- test-case-name: tests.config.test_checked -*-
"""Checked getters: a config value that is set but wrong is a ConfigException naming its key."""

from __future__ import annotations

import math
from typing import Any, Iterable, Optional

from ..errors import ConfigException
from ..portability import BooleanConverter


def bad_config_value(key: str, value: Any, expected: str) -> ConfigException:
    """C{key: 'value' is not <expected>} as a ConfigException C{BAD_VALUE} with the key in its details."""
    error = ConfigException(None, "BAD_VALUE", f"{key}: {value!r} is not {expected}")
    error.with_details("key", key).with_details("value", value)
    return error


def _is_unset(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(key: str, value: Any, integer: bool, minimum: Optional[float], maximum: Optional[float]) -> float:
    kind = "an integer" if integer else "a number"
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        raise bad_config_value(key, value, kind) from None
    if not math.isfinite(number):
        raise bad_config_value(key, value, "a finite number")
    if integer and not number.is_integer():
        raise bad_config_value(key, value, kind)
    if minimum is not None and number < minimum:
        raise bad_config_value(key, value, f"{kind} >= {minimum:g}")
    if maximum is not None and number > maximum:
        raise bad_config_value(key, value, f"{kind} <= {maximum:g}")
    return number


class CheckedGetters:
    """
    C{get_as_checked_<type>(key, default, ...)}: the default when the key is
    missing or empty, the converted value when it converts and fits, else a
    ConfigException C{BAD_VALUE} naming the key (C{connection.port: '80a' is
    not an integer}). The typed getters (C{get_as_integer_with_default}...)
    stay lenient; standard components read their settings through these.
    """

    def _value_at(self, key: Any) -> Any:
        raise NotImplementedError()

    def get_as_checked_integer(
        self, key: str, default: int, minimum: Optional[int] = None, maximum: Optional[int] = None
    ) -> int:
        value = self._value_at(key)
        if _is_unset(value):
            return default
        return int(_number(key, value, True, minimum, maximum))

    def get_as_checked_float(
        self, key: str, default: float, minimum: Optional[float] = None, maximum: Optional[float] = None
    ) -> float:
        value = self._value_at(key)
        if _is_unset(value):
            return default
        return _number(key, value, False, minimum, maximum)

    def get_as_checked_boolean(self, key: str, default: bool) -> bool:
        value = self._value_at(key)
        if _is_unset(value):
            return default
        result = BooleanConverter.to_nullable_boolean(value)
        if result is None:
            raise bad_config_value(key, value, "a boolean (true or false)")
        return result

    def get_as_checked_timeout(self, key: str, default: int) -> int:
        """Milliseconds: an integer that is not negative."""
        return self.get_as_checked_integer(key, default, minimum=0)

    def get_as_checked_choice(self, key: str, default: str, choices: Iterable[str]) -> str:
        """One of C{choices}, compared without case; the choice as written there."""
        value = self._value_at(key)
        if _is_unset(value):
            return default
        allowed = list(choices)
        for choice in allowed:
            if choice.lower() == str(value).strip().lower():
                return choice
        raise bad_config_value(key, value, "one of " + ", ".join(allowed))
