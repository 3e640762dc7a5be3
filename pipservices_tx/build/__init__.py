"""Factories: how config entries become components."""

from ._default_factory import DefaultFactory
from ._factory import CompositeFactory, Factory
from ._interfaces import IFactory
from ._standard_components import STANDARD_COMPONENTS, StandardFactory
from ._type_locator import import_type

__all__ = [
    "CompositeFactory",
    "DefaultFactory",
    "Factory",
    "IFactory",
    "STANDARD_COMPONENTS",
    "StandardFactory",
    "import_type",
]
