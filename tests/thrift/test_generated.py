"""The committed generated code is exactly what thrift-compiler makes of the IDLs (when it is installed)."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import tempfile

from twisted.trial.unittest import TestCase

from pipservices_tx.thrift import COMMANDABLE_IDL

from .test_interop import require_compiler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

#: (IDL, the directory its code is committed in, as passed to thrift -out)
GENERATED = (
    (COMMANDABLE_IDL, os.path.join(ROOT, "pipservices_tx", "thrift", "_generated")),
    (os.path.join(ROOT, "examples", "beacons", "beacons.thrift"), os.path.join(ROOT, "examples", "beacons", "thrift_gen")),
)


def python_files(directory: str) -> set[str]:
    found = set()
    for folder, _, names in os.walk(directory):
        for name in names:
            if name.endswith(".py"):
                found.add(os.path.relpath(os.path.join(folder, name), directory))
    return found


class GeneratedCodeTests(TestCase):
    def test_committed_code_matches_the_compiler(self) -> None:
        compiler = require_compiler()
        version = subprocess.run([compiler, "--version"], capture_output=True, text=True, check=True).stdout
        for idl, committed in GENERATED:
            fresh = tempfile.mkdtemp(prefix="thrift-gen-")
            self.addCleanup(shutil.rmtree, fresh, True)
            subprocess.run([compiler, "--gen", "py:twisted", "-out", fresh, idl], check=True, timeout=30)
            self.assertEqual(python_files(fresh), python_files(committed), idl)
            for name in sorted(python_files(fresh)):
                self.assertTrue(
                    filecmp.cmp(os.path.join(fresh, name), os.path.join(committed, name), shallow=False),
                    f"{name} differs from what {version.strip()} generates from {idl}: regenerate it "
                    f"with thrift --gen py:twisted -out {os.path.relpath(committed, ROOT)} {os.path.relpath(idl, ROOT)}")
