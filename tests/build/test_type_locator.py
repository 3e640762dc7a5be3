"""Tests for import_type: both spellings and every way a type can fail to import."""

from __future__ import annotations

import os
import sys

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.build import import_type
from pipservices_tx.errors import ConfigException
from pipservices_tx.refer import Descriptor


class ImportTypeTests(SynchronousTestCase):
    def _module(self, name: str, text: str) -> None:
        """Writes module C{name} to a temporary directory on sys.path."""
        directory = os.path.abspath(self.mktemp())
        os.makedirs(directory)
        with open(os.path.join(directory, f"{name}.py"), "w") as f:
            f.write(text)
        self.patch(sys, "path", [directory, *sys.path])
        self.addCleanup(sys.modules.pop, name, None)

    def test_pip_services_spelling(self) -> None:
        self.assertIs(import_type("Descriptor,pipservices_tx.refer"), Descriptor)
        self.assertIs(import_type(" Descriptor , pipservices_tx.refer "), Descriptor)

    def test_dotted_spelling(self) -> None:
        self.assertIs(import_type("pipservices_tx.refer.Descriptor"), Descriptor)

    def test_bad_format(self) -> None:
        for spec in ("Descriptor", "", ",", "Descriptor,", ",pipservices_tx.refer", ".Descriptor"):
            error = self.assertRaises(ConfigException, import_type, spec)
            self.assertEqual(error.code, "BAD_TYPE", spec)
            self.assertIn("ClassName,module.path", error.message)

    def test_missing_module(self) -> None:
        error = self.assertRaises(ConfigException, import_type, "Thing,no_such_module_for_tests")
        self.assertEqual(error.code, "TYPE_NOT_FOUND")
        self.assertIn("no_such_module_for_tests", error.message)
        self.assertIn("Thing,no_such_module_for_tests", error.message)
        self.assertIsInstance(error.__cause__, ImportError)

    def test_missing_class(self) -> None:
        error = self.assertRaises(ConfigException, import_type, "NoSuchClass,pipservices_tx.refer")
        self.assertEqual(error.code, "TYPE_NOT_FOUND")
        self.assertIn("has no class 'NoSuchClass'", error.message)

    def test_not_a_class(self) -> None:
        error = self.assertRaises(ConfigException, import_type, "import_type,pipservices_tx.build")
        self.assertIn("has no class 'import_type'", error.message)

    def test_module_raising_on_import(self) -> None:
        self._module("pips_tx_test_raising_module", "raise RuntimeError('broken on purpose')\n")
        error = self.assertRaises(ConfigException, import_type, "Thing,pips_tx_test_raising_module")
        self.assertEqual(error.code, "TYPE_NOT_FOUND")
        self.assertIn("pips_tx_test_raising_module", error.message)
        self.assertIn("broken on purpose", error.message)
        self.assertIsInstance(error.__cause__, RuntimeError)

    def test_module_with_syntax_error(self) -> None:
        self._module("pips_tx_test_syntax_module", "def broken(:\n")
        error = self.assertRaises(ConfigException, import_type, "Thing,pips_tx_test_syntax_module")
        self.assertIn("pips_tx_test_syntax_module", error.message)
        self.assertIsInstance(error.__cause__, SyntaxError)

    def test_module_importing_something_missing(self) -> None:
        self._module("pips_tx_test_bad_import", "import no_such_dependency_for_tests\nclass Thing: pass\n")
        error = self.assertRaises(ConfigException, import_type, "Thing,pips_tx_test_bad_import")
        self.assertIn("no_such_dependency_for_tests", error.message)

    def test_module_from_path(self) -> None:
        self._module("pips_tx_test_good_module", "class Thing:\n    pass\n")
        cls = import_type("Thing,pips_tx_test_good_module")
        self.assertEqual((cls.__name__, cls.__module__), ("Thing", "pips_tx_test_good_module"))
