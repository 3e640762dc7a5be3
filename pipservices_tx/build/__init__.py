"""Factories: how config entries become components."""

from ._factory import CompositeFactory, Factory
from ._interfaces import IFactory
from ._type_locator import import_type

__all__ = [
    "CompositeFactory",
    "Factory",
    "IFactory",
    "import_type",
]
