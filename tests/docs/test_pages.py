# -*- test-case-name: tests.docs.test_pages -*-
"""The pages say what the code and the README say: commands, packages, runnable examples."""

from __future__ import annotations

import glob
import os
import re
import sys
from typing import Any

from twisted.internet.defer import ensureDeferred
from twisted.internet.utils import getProcessOutputAndValue
from twisted.trial.unittest import SynchronousTestCase, TestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.refer import Descriptor

from ._paths import DOCS, ROOT


def read(*parts: str) -> str:
    with open(os.path.join(*parts), encoding="utf-8") as f:
        return f.read()


class PagesTests(SynchronousTestCase):
    def test_quick_start_has_the_readme_commands(self) -> None:
        readme = read(ROOT, "README.rst")
        page = read(DOCS, "quickstart.rst")
        commands = re.findall(r"^    (python -m pip install .*)$", readme, re.MULTILINE)
        self.assertEqual(len(commands), 2, "README.rst's quick start has two commands")
        for command in commands:
            self.assertIn("\n    " + command + "\n", page)

    def test_every_public_subpackage_has_an_api_page(self) -> None:
        packages = set()
        base = os.path.join(ROOT, "pipservices_tx")
        for init in glob.glob(os.path.join(base, "**", "__init__.py"), recursive=True):
            relative = os.path.relpath(os.path.dirname(init), base)
            if relative != "." and not any(part.startswith("_") for part in relative.split(os.sep)):
                packages.add("pipservices_tx." + relative.replace(os.sep, "."))
        documented = set()
        for page in glob.glob(os.path.join(DOCS, "api", "*.rst")):
            documented.update(re.findall(r"^\.\. automodule:: (\S+)", read(page), re.MULTILINE))
            if not page.endswith("index.rst"):
                name = os.path.basename(page)[:-4]
                self.assertIn(f"   {name}\n", read(DOCS, "api", "index.rst"), f"{page} is not in the toctree")
        self.assertEqual(documented, packages)

    def test_figure_pages_are_in_the_toctree_with_figures(self) -> None:
        for name, figure in (("performance", "req/s"), ("reliability", "failed requests")):
            self.assertIn(figure, read(DOCS, name + ".rst"))
            self.assertIn(f"   {name}\n", read(DOCS, "index.rst"))


class CallBeaconsTests(TestCase):
    """docs/examples/call_beacons.py, which the tutorial shows, run as a newcomer runs it, against a real service."""

    def setUp(self) -> None:
        self.container = Container()
        self.container.read_config_from_file(
            os.path.join(ROOT, "examples", "beacons", "config.yml"),
            ConfigParams.from_tuples("HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0", "LOG_LEVEL", "warn"),
        )
        return self.container.open(None)

    def tearDown(self) -> Any:
        return self.container.close(None)

    async def _call_the_service(self, cwd: str) -> None:
        endpoint = self.container.references.get_one_required(Descriptor("pip-services", "endpoint", "http", "*", "1.0"))
        script = os.path.join(DOCS, "examples", "call_beacons.py")
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        out, err, code = await getProcessOutputAndValue(
            sys.executable, [script, f"http://127.0.0.1:{endpoint.port}"], env=env, path=cwd)
        self.assertEqual(code, 0, err.decode("utf-8", "replace")[-2000:])
        self.assertIn(b"position [0.0, 0.0]", out)
        controller = self.container.references.get_one_required(Descriptor("beacons", "controller", "*", "*", "1.0"))
        page = await controller.get_beacons(None, {"udi": "00001"}, None)
        self.assertGreaterEqual(len(page.data), 1)

    def test_from_the_repository_root(self) -> Any:
        return ensureDeferred(self._call_the_service(ROOT))

    def test_from_elsewhere(self) -> Any:
        elsewhere = os.path.abspath(self.mktemp())
        os.makedirs(elsewhere)
        return ensureDeferred(self._call_the_service(elsewhere))
