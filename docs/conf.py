"""Sphinx configuration of the pipservices_tx documentation.

Build it with warnings as errors, as CI does::

    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import importlib
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The package and the examples are documented from this work tree, and the
# extensions live in docs/_ext.
for path in (ROOT, os.path.join(HERE, "_ext")):
    if path not in sys.path:
        sys.path.insert(0, path)

import pipservices_tx  # noqa: E402

project = "pipservices_tx"
author = "the pipservices_tx authors"
copyright = "the pipservices_tx authors"
release = pipservices_tx.__version__
version = ".".join(release.split(".")[:2])

# Some packages export names lazily (PEP 562); resolve them all now so that
# autodoc, which reads the module's namespace, sees every name of __all__.
PUBLIC_PACKAGES = sorted(
    "pipservices_tx." + os.path.relpath(dirpath, os.path.join(ROOT, "pipservices_tx")).replace(os.sep, ".")
    for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, "pipservices_tx"))
    if "__init__.py" in filenames and dirpath != os.path.join(ROOT, "pipservices_tx")
    and not any(part.startswith(("_", ".")) for part in os.path.relpath(dirpath, ROOT).split(os.sep))
)
for _name in PUBLIC_PACKAGES:
    _module = importlib.import_module(_name)
    for _attribute in getattr(_module, "__all__", ()):
        getattr(_module, _attribute)

extensions = [
    "sphinx.ext.autodoc",
    "epytext_markup",      # C{x}, L{x} and epytext lists in docstrings
    "zope_interfaces",     # the zope interfaces autodoc does not see
    "mustache_lexer",      # yaml+mustache: config templates in code blocks
    "config_reference",    # the configuration reference, generated from the code
]

root_doc = "index"
exclude_patterns = ["_build"]
templates_path: list[str] = []
html_static_path: list[str] = []
html_theme = "alabaster"
html_theme_options = {
    "description": "Composable microservices on Twisted, the Pip.Services way",
    "fixed_sidebar": True,
}
html_sidebars = {"**": ["about.html", "navigation.html", "relations.html", "searchbox.html"]}

# Code samples are Python unless they say otherwise.
highlight_language = "python3"
pygments_style = "sphinx"

# API reference: documented from the packages' __all__, in source order.
autodoc_member_order = "bysource"
autodoc_default_options = {
    "members": True,
    "undoc-members": True,
    "show-inheritance": True,
}
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
# Docstrings are epytext, not reST field lists: don't let autodoc guess.
autodoc_docstring_signature = False
autodoc_inherit_docstrings = True

# Nothing in these pages is allowed to go stale silently.
nitpicky = False
suppress_warnings: list[str] = []


def setup(app):  # type: ignore[no-untyped-def]
    """Builtin names in signatures (C{type}, C{object}) are plain text, not fuzzy links."""
    import builtins

    from sphinx.addnodes import pending_xref
    from sphinx.transforms.post_transforms import SphinxPostTransform

    class BuiltinNamesAreText(SphinxPostTransform):
        # Before the references resolver (priority 10), which would otherwise look for
        # any documented attribute named "type" and call the reference ambiguous.
        default_priority = 5

        def run(self, **kwargs):  # type: ignore[no-untyped-def]
            for node in list(self.document.findall(pending_xref)):
                target = node.get("reftarget", "")
                if node.get("refdomain") == "py" and hasattr(builtins, target):
                    node.replace_self(node.children or [])

    app.add_post_transform(BuiltinNamesAreText)
