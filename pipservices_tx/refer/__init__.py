"""References: descriptors, the component registry and the dependency resolver."""

from ._dependency_resolver import DependencyResolver
from ._descriptor import Descriptor
from ._interfaces import IReferenceable, IReferences, IUnreferenceable
from ._references import References, locator_matches

__all__ = [
    "DependencyResolver",
    "Descriptor",
    "IReferenceable",
    "IReferences",
    "IUnreferenceable",
    "References",
    "locator_matches",
]
