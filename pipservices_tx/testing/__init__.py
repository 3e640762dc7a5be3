"""Test kits for users and backends: conformance suites, fakes and builders."""

from ._persistence_conformance import HOSTILE_VALUES, PersistenceConformanceMixin, make_item

__all__ = [
    "HOSTILE_VALUES",
    "PersistenceConformanceMixin",
    "make_item",
]
