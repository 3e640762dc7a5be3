# -*- test-case-name: tests.data.test_exports -*-
"""The public names of the data, persistence and testing packages."""

from __future__ import annotations

from twisted.trial import unittest

import pipservices_tx.data as data
import pipservices_tx.persistence as persistence
import pipservices_tx.testing as testing


class ExportTests(unittest.SynchronousTestCase):
    def test_data(self) -> None:
        self.assertEqual(
            sorted(data.__all__),
            ["DataPage", "FilterParams", "IChangeable", "IIdentifiable", "IStringIdentifiable", "PagingParams",
             "ProjectionParams", "SortField", "SortParams"],
        )

    def test_persistence(self) -> None:
        self.assertEqual(
            sorted(persistence.__all__),
            sorted(["DEFAULT_MAX_PAGE_SIZE", "IFilteredPageReader", "IFilteredReader", "IGetter", "ILoader",
                    "IPartialUpdater", "ISaver", "ISetter", "IWriter", "IdentifiableMemoryPersistence",
                    "MemoryPersistence", "PageWindow", "SaveBatcher", "copy_value", "copy_values", "equality_filter", "get_field",
                    "sort_items", "FilePersistence", "IdentifiableFilePersistence", "JsonFilePersister"]),
        )

    def test_testing_includes_the_persistence_kit(self) -> None:
        self.assertTrue({"HOSTILE_VALUES", "PersistenceConformanceMixin", "make_item"} <= set(testing.__all__))

    def test_every_name_exists(self) -> None:
        for module in (data, persistence, testing):
            for name in module.__all__:
                self.assertTrue(hasattr(module, name), f"{module.__name__}.{name}")
