# -*- test-case-name: tests.docs.test_examples -*-
"""The listings of the tutorial and the testing page are whole files that run, and their tests pass."""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import unittest

from twisted.trial.reporter import TestResult
from twisted.trial.unittest import SynchronousTestCase

from ._paths import DOCS, ROOT

_INCLUDE = re.compile(r"^\.\. literalinclude:: (\S+)\n((?:   :\S+:.*\n)*)", re.MULTILINE)


def includes(page: str) -> list[tuple[str, str]]:
    """The files a page includes (paths from the repository root) and the options of each include."""
    with open(os.path.join(DOCS, page), encoding="utf-8") as f:
        text = f.read()
    return [(os.path.relpath(os.path.normpath(os.path.join(DOCS, path)), ROOT), options)
            for path, options in _INCLUDE.findall(text)]


class ListingsTests(SynchronousTestCase):
    def test_every_python_listing_of_the_tutorial_is_a_whole_file(self) -> None:
        listed = includes("tutorial.rst")
        python = [(path, options) for path, options in listed if path.endswith(".py")]
        self.assertGreaterEqual(len(python), 7)
        for path, options in python:
            self.assertTrue(os.path.isfile(os.path.join(ROOT, path)), path)
            self.assertEqual(options, "", f"{path} is shown whole, imports included")
            self.assertTrue(path.startswith(("examples/beacons/", "docs/examples/")), path)
        with open(os.path.join(DOCS, "tutorial.rst"), encoding="utf-8") as f:
            self.assertNotIn("code-block:: python", f.read(), "Python listings are files that run")

    def test_the_testing_page_shows_the_file_it_names(self) -> None:
        listed = includes("testing.rst")
        self.assertEqual(listed[0], ("docs/examples/test_beacons_service.py", ""), "the complete example, whole")
        self.assertEqual({path for path, _ in listed},
                         {"docs/examples/test_beacons_service.py", "docs/examples/test_beacons_process.py"})
        with open(os.path.join(DOCS, "testing.rst"), encoding="utf-8") as f:
            text = f.read()
        self.assertNotIn("code-block:: python", text)
        self.assertIn("python -m twisted.trial docs/examples/test_beacons_service.py", text)


class ExampleTestModulesTests(SynchronousTestCase):
    """Every docs/examples/test_*.py, loaded from its file as trial would, passes."""

    def test_they_pass(self) -> None:
        paths = sorted(glob.glob(os.path.join(DOCS, "examples", "test_*.py")))
        self.assertNotEqual(paths, [])
        for path in paths:
            spec = importlib.util.spec_from_file_location(f"docs_example_{os.path.basename(path)[:-3]}", path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            suite = unittest.defaultTestLoader.loadTestsFromModule(module)
            result = TestResult()
            suite.run(result)
            problems = [f"{test}: {error}" for test, error in result.errors + result.failures]
            self.assertEqual(problems, [], path)
            self.assertGreater(result.testsRun, 0, path)
            self.assertEqual(result.skips, [], path)
