"""Documents the zope interfaces of a package, which autodoc passes over.

An interface (C{class ICache(Interface)}) is an C{InterfaceClass} instance,
not a class, so autodoc has no documenter for it. C{.. zope-interfaces::
pipservices_tx.cache} writes, for each interface in the package's
C{__all__}, a C{py:class} with its docstring, the interfaces it extends and
a C{py:method} per method, signatures as the interface declares them.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from epytext_markup import epytext_to_rst


def interfaces_of(module_name: str) -> list[tuple[str, Any]]:
    """The (name, interface) pairs of a module's C{__all__}, in C{__all__} order."""
    from zope.interface.interface import InterfaceClass

    module = importlib.import_module(module_name)
    result = []
    for name in getattr(module, "__all__", ()):
        value = getattr(module, name, None)
        if isinstance(value, InterfaceClass):
            result.append((name, value))
    return result


def _doc_lines(text: str, indent: str) -> list[str]:
    lines = epytext_to_rst(inspect.cleandoc(text or "").splitlines())
    return [indent + line if line else "" for line in lines]


def _public_module(module_name: str) -> str:
    return ".".join(part for part in module_name.split(".") if not part.startswith("_"))


def render_interface(module_name: str, name: str, interface: Any) -> list[str]:
    from zope.interface.interface import Method

    lines = [f".. py:class:: {name}", f"   :module: {module_name}", ""]
    bases = [base for base in interface.__bases__ if base.__name__ != "Interface"]
    if bases:
        names = [f"``{_public_module(base.__module__)}.{base.__name__}``" for base in bases]
        lines.extend(["   Extends " + ", ".join(names) + ".", ""])
    lines.extend(_doc_lines(interface.__doc__ or "", "   "))
    lines.append("")
    for attribute_name, description in interface.namesAndDescriptions(all=False):
        if isinstance(description, Method):
            lines.append(f"   .. py:method:: {attribute_name}{description.getSignatureString()}")
        else:
            lines.append(f"   .. py:attribute:: {attribute_name}")
        lines.append("")
        lines.extend(_doc_lines(description.getDoc() or "", "      "))
        lines.append("")
    return lines


def setup(app: Any) -> dict[str, Any]:
    from docutils import nodes
    from docutils.statemachine import StringList
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.nodes import nested_parse_with_titles

    class ZopeInterfacesDirective(SphinxDirective):
        """C{.. zope-interfaces:: package}: every interface the package exports."""

        required_arguments = 1
        has_content = False

        def run(self) -> list[Any]:
            module_name = self.arguments[0]
            lines: list[str] = []
            for name, interface in interfaces_of(module_name):
                lines.extend(render_interface(module_name, name, interface))
            if not lines:
                return []
            container = nodes.section()
            container.document = self.state.document
            source = self.get_source_info()[0] or "<zope-interfaces>"
            nested_parse_with_titles(self.state, StringList(lines, source=source), container)
            return list(container.children)

    app.add_directive("zope-interfaces", ZopeInterfacesDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
