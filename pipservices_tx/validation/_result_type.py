# -*- test-case-name: tests.validation.test_result -*-
"""How serious a validation result is."""

from enum import IntEnum


class ValidationResultType(IntEnum):
    """Numbered as in Pip.Services; the wire carries the name (C{"Error"})."""

    Information = 0
    Warning = 1
    Error = 2
