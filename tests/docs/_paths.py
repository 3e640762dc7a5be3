"""Where the documentation and deployment files are, from this file (trial runs in _trial_temp)."""

from __future__ import annotations

import os
import sys
from types import ModuleType

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOCS = os.path.join(ROOT, "docs")
EXTENSIONS = os.path.join(DOCS, "_ext")
DEPLOY = os.path.join(ROOT, "examples", "deploy")
KUBERNETES = os.path.join(DEPLOY, "kubernetes")


def docs_extension(name: str) -> ModuleType:
    """Imports one of docs/_ext's modules (they import each other by bare name)."""
    if EXTENSIONS not in sys.path:
        sys.path.insert(0, EXTENSIONS)
    return __import__(name)
