# -*- test-case-name: tests.docs.test_build -*-
"""The documentation builds with warnings as errors, as CI builds it."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile

from twisted.trial.unittest import SkipTest, SynchronousTestCase

from ._paths import DOCS, ROOT

# The command CI runs, from the repository root.
BUILD_COMMAND = "python -m sphinx -W --keep-going -b html docs docs/_build/html"


def require_sphinx() -> None:
    """Skips without Sphinx, except under CI, where it must be installed ('.[dev]')."""
    if importlib.util.find_spec("sphinx") is not None:
        return
    message = "sphinx is not installed (python -m pip install '.[dev]')"
    if os.environ.get("CI"):
        raise AssertionError(f"{message}, and CI builds the documentation")
    raise SkipTest(message)


class DocsBuildTests(SynchronousTestCase):
    def test_html_build_has_no_warning(self) -> None:
        require_sphinx()
        with tempfile.TemporaryDirectory() as out:
            # The CI command, with the output (and the doctree cache) in a
            # fresh directory, so that every page is read and checked again.
            args = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
                    "-d", os.path.join(out, "doctrees"), DOCS, os.path.join(out, "html")]
            result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
            self.assertEqual(result.returncode, 0, f"{BUILD_COMMAND} failed:\n{result.stderr[-6000:]}")
            self.assertEqual(result.stderr.strip(), "", "the build wrote warnings")
            for page in ("index", "quickstart", "concepts", "tutorial", "configuration", "testing",
                         "deployment", "performance", "reliability", "api/index"):
                self.assertTrue(os.path.exists(os.path.join(out, "html", page + ".html")), page)
            with open(os.path.join(out, "html", "configuration.html"), encoding="utf-8") as f:
                reference = f.read()
            # The generated part is there: a descriptor and a key with its default.
            self.assertIn("pip-services:endpoint:http:*:1.0", reference)
            self.assertIn("options.shutdown_timeout", reference)
