# -*- test-case-name: tests.portability.test_type_converter -*-
"""The portable type codes, numbered as in every Pip.Services language."""

from enum import IntEnum


class TypeCode(IntEnum):
    """What kind of value a property holds; the names are the wire spelling."""

    Unknown = 0
    String = 1
    Boolean = 2
    Integer = 3
    Long = 4
    Float = 5
    Double = 6
    DateTime = 7
    Duration = 8
    Object = 9
    Enum = 10
    Array = 11
    Map = 12
