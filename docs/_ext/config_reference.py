"""The configuration reference, generated from the code so that it cannot drift.

The container's default factory (each package's own factory, composed)
lists every standard descriptor and the class behind it. For each class this module renders:

- the descriptors it is registered under and its import path;
- its docstring (the classes document their config keys there), and the
  docstrings of the configurable base classes it inherits keys from;
- the keys its C{configure} actually reads, found by running it on an
  empty config while C{ConfigParams} records every lookup: the key, the
  type of the getter and the default the code falls back to;
- an example config entry built from those defaults, which the tests in
  C{tests/docs} feed back to the class.

In Sphinx it is the C{config-reference} directive. Run as a script it prints
the generated reStructuredText, or with C{--gaps} the keys a class reads
that its docstrings do not mention.
"""

from __future__ import annotations

import contextlib
import inspect
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

import yaml
from epytext_markup import convert_inline, epytext_to_rst

_NO_DEFAULT = object()

_TYPES = {
    "string": "string", "integer": "integer", "long": "integer", "float": "float",
    "double": "float", "boolean": "boolean", "datetime": "datetime", "array": "list",
    "map": "map", "object": "value", "value": "value", "type": "value",
    "timeout": "integer (ms)", "choice": "string",
}


@dataclass
class KeyRead:
    """One config key a component's C{configure} asked for."""

    key: str
    kind: str = "value"
    default: Any = _NO_DEFAULT

    @property
    def has_default(self) -> bool:
        return self.default is not _NO_DEFAULT and self.default is not None

    @property
    def is_section(self) -> bool:
        return self.key.endswith(".*") or self.key == "*"


@dataclass
class Component:
    """One class of the table with every descriptor it is registered under."""

    class_path: str
    descriptors: list[str] = field(default_factory=list)
    cls: Any = None
    keys: list[KeyRead] = field(default_factory=list)
    configure_error: Optional[str] = None

    @property
    def name(self) -> str:
        return self.class_path.rsplit(".", 1)[1]

    @property
    def public_path(self) -> str:
        """C{pipservices_tx.cache.MemoryCache} rather than the private module."""
        module = self.class_path.rsplit(".", 1)[0]
        package = ".".join(part for part in module.split(".") if not part.startswith("_"))
        exported = getattr(sys.modules.get(package), self.name, None)
        return f"{package}.{self.name}" if exported is self.cls else self.class_path


# -- recording the keys configure() reads -------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.keys: dict[str, KeyRead] = {}

    def note(self, key: str, kind: Optional[str] = None, default: Any = _NO_DEFAULT) -> None:
        entry = self.keys.get(key)
        if entry is None:
            entry = self.keys[key] = KeyRead(key)
        if kind is not None and entry.kind == "value":
            entry.kind = kind
        if default is not _NO_DEFAULT and not entry.has_default:
            entry.default = default


def _prefix(params: Any) -> str:
    return getattr(params, "_config_reference_prefix", "")


@contextlib.contextmanager
def recording_config_reads() -> Iterator[_Recorder]:
    """While active, every lookup on any C{ConfigParams} is recorded with its full key."""
    from pipservices_tx.config import ConfigParams

    recorder = _Recorder()
    saved: dict[str, Any] = {}

    def patch(name: str, replacement: Any) -> None:
        saved[name] = ConfigParams.__dict__.get(name, _NO_DEFAULT)
        setattr(ConfigParams, name, replacement)

    original_get = dict.get
    original_section = ConfigParams.get_section
    original_section_names = ConfigParams.get_section_names
    original_init = ConfigParams.__init__

    def get(self: Any, key: Any, default: Any = None) -> Any:
        recorder.note(_prefix(self) + str(key))
        return original_get(self, key, default)

    def get_section(self: Any, section: str) -> Any:
        result = original_section(self, section)
        full = _prefix(self) + section
        setattr(result, "_config_reference_prefix", full + ".")  # noqa: B010 (a dict subclass)
        if not result:
            recorder.note(full + ".*", "section")
        return result

    def get_section_names(self: Any) -> list[str]:
        recorder.note(_prefix(self) + "*", "section")
        return original_section_names(self)

    def init(self: Any, values: Any = None) -> None:
        original_init(self, values)
        if isinstance(values, ConfigParams) and _prefix(values):
            self._config_reference_prefix = _prefix(values)

    def typed(name: str, method: Any) -> Any:
        match = re.match(r"get_as_(?:nullable_|checked_)?([a-z]+?)(?:_with_default)?$", name)
        kind = _TYPES.get(match.group(1) if match else "", "value")
        with_default = name.endswith("_with_default") or name.startswith("get_as_checked_")
        takes_type = "type" in name

        def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            key_index = 1 if takes_type else 0
            if len(args) > key_index and args[key_index] is not None:
                default = args[key_index + 1] if with_default and len(args) > key_index + 1 else _NO_DEFAULT
                recorder.note(_prefix(self) + str(args[key_index]), kind, default)
            return method(self, *args, **kwargs)

        return wrapper

    patch("get", get)
    patch("get_section", get_section)
    patch("get_section_names", get_section_names)
    patch("__init__", init)
    for name in dir(ConfigParams):
        if name.startswith("get_as_") and name != "get_as_object":
            patch(name, typed(name, getattr(ConfigParams, name)))
    try:
        yield recorder
    finally:
        for name, value in saved.items():
            if value is _NO_DEFAULT:
                delattr(ConfigParams, name)
            else:
                setattr(ConfigParams, name, value)


def keys_read_by(cls: Any) -> tuple[list[KeyRead], Optional[str]]:
    """The keys C{cls().configure(ConfigParams())} reads, and the error it raised if any."""
    from pipservices_tx.config import ConfigParams, IConfigurable

    instance = cls()
    if not (IConfigurable.providedBy(instance) or callable(getattr(instance, "configure", None))):
        return [], None
    error = None
    with recording_config_reads() as recorder:
        try:
            instance.configure(ConfigParams())
        except Exception as e:  # the page says so; the tests decide whether that is fine
            error = f"{type(e).__name__}: {e}"
    keys = [k for k in recorder.keys.values() if not (k.is_section and _covered(k, recorder.keys))]
    return sorted(keys, key=lambda k: (k.is_section, k.key)), error


def _covered(section: KeyRead, keys: dict[str, KeyRead]) -> bool:
    """A section whose keys were read one by one needs no row of its own."""
    prefix = section.key[:-1]
    return bool(prefix) and any(k != section.key and k.startswith(prefix) for k in keys)


# -- the table ------------------------------------------------------------------


def standard_components() -> list[tuple[str, str]]:
    """Each standard descriptor and the import path of its class, in registration order."""
    from pipservices_tx.container import DefaultContainerFactory

    rows = []
    for descriptor, load_type in DefaultContainerFactory().types:
        cls = load_type()
        rows.append((str(descriptor), f"{cls.__module__}.{cls.__qualname__}"))
    return rows


def components() -> list[Component]:
    """One entry per class of the standard components, in registration order, keys recorded."""
    from pipservices_tx.build import import_type

    by_path: dict[str, Component] = {}
    for descriptor, class_path in standard_components():
        component = by_path.get(class_path)
        if component is None:
            component = by_path[class_path] = Component(class_path)
            component.cls = import_type(class_path)
            component.keys, component.configure_error = keys_read_by(component.cls)
        component.descriptors.append(descriptor)
    return list(by_path.values())


def configurable_bases(cls: Any) -> list[Any]:
    """Base classes of the package whose own C{configure} reads config too."""
    result = []
    for base in cls.__mro__[1:]:
        if base is object or not base.__module__.startswith("pipservices_tx."):
            continue
        if "configure" in base.__dict__ and inspect.getdoc(base):
            result.append(base)
    return result


def referenced_settings(cls: Any, seen: Optional[set[Any]] = None) -> list[Any]:
    """
    Classes whose docstring a class defers to with "Configured as L{X}"
    (C{RedisCache} and C{RedisSettings}), followed transitively.
    """
    seen = set() if seen is None else seen
    result = []
    package = sys.modules.get(_public_package(cls))
    for name in re.findall(r"[Cc]onfigured as L\{(\w+)\}", inspect.getdoc(cls) or ""):
        target = getattr(package, name, None)
        if inspect.isclass(target) and target not in seen:
            seen.add(target)
            result.append(target)
            result.extend(referenced_settings(target, seen))
    return result


def _public_package(cls: Any) -> str:
    return ".".join(part for part in cls.__module__.split(".") if not part.startswith("_"))


def described_by(cls: Any) -> list[Any]:
    """Configurable bases and referenced settings: where else C{cls}'s keys are documented."""
    result = configurable_bases(cls)
    for target in referenced_settings(cls):
        if target not in result:
            result.append(target)
    return result


def common_classes() -> list[Any]:
    """The helpers behind the keys many components share (C{connection.*}, C{dependencies.*}...)."""
    from pipservices_tx.discovery import ConnectionParams, ConnectionResolver, CredentialParams, CredentialResolver
    from pipservices_tx.refer import DependencyResolver

    return [ConnectionResolver, ConnectionParams, CredentialResolver, CredentialParams, DependencyResolver]


# Sections that every component reading them gets from the shared helpers above.
COMMON_SECTIONS = ("connection", "connections", "credential", "credentials", "dependencies")


def docstrings_of(component: Component) -> str:
    texts = [inspect.getdoc(component.cls) or ""]
    texts.extend(inspect.getdoc(other) or "" for other in described_by(component.cls))
    return "\n".join(texts)


def undocumented_keys(component: Component) -> list[str]:
    """Keys read by the code that neither the class's nor its bases' docstrings name."""
    text = docstrings_of(component)
    missing = []
    for key in component.keys:
        if key.key == "*":
            continue
        name = key.key[:-2] if key.is_section else key.key
        if name.split(".", 1)[0] in COMMON_SECTIONS and key.is_section:
            continue  # connections.*, credentials.*: the common keys document them
        last = name.rsplit(".", 1)[-1]
        prefixes = [name.rsplit(".", n)[0] + ".*" for n in range(1, name.count(".") + 1)]
        if name in text or any(prefix in text for prefix in prefixes):
            continue
        if not re.search(r"C\{[^}]*\b" + re.escape(last) + r"\b", text):
            missing.append(key.key)
    return missing


def example_descriptor(descriptor: str) -> str:
    """A complete descriptor for the example entry: wildcards filled in."""
    fill = ["myservice", "controller", "default", "default", "1.0"]
    parts = descriptor.split(":")
    if parts[2] == "*" and parts[1].endswith("-service"):
        fill[2] = "http"
    return ":".join(fill[i] if part == "*" else part for i, part in enumerate(parts))


def _yaml_value(key: KeyRead) -> Any:
    value = key.default
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def example_entry(component: Component) -> str:
    """A config entry for this class, every key that has a default set to it."""
    nested: dict[str, Any] = {}
    for key in component.keys:
        if key.is_section or not key.has_default or key.default == "":
            continue
        node = nested
        parts = key.key.split(".")
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node.setdefault(parts[-1], _yaml_value(key))
    entry = {"descriptor": example_descriptor(component.descriptors[0])}
    entry.update(nested)
    return yaml.safe_dump([entry], sort_keys=False, default_flow_style=False).rstrip()


# -- reStructuredText ---------------------------------------------------------


def _anchor(component: Component) -> str:
    return "config-" + component.name.lower()


def _cell(text: str) -> str:
    return text.replace("\n", " ")


def _default_text(key: KeyRead) -> str:
    if key.is_section:
        return "(a section)"
    if not key.has_default:
        return "—"
    value = key.default
    if isinstance(value, bool):
        return "``true``" if value else "``false``"
    if value == "":
        return '``""``'
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"``{value}``"


def render_component(component: Component) -> list[str]:
    title = component.name
    lines = [f".. _{_anchor(component)}:", "", title, "-" * len(title), ""]
    lines.append("Descriptors:")
    lines.append("")
    for descriptor in component.descriptors:
        lines.append(f"- ``{descriptor}``")
    lines.extend(["", f"Class: ``{component.public_path}``", ""])
    doc = inspect.getdoc(component.cls) or "(This class has no docstring.)"
    lines.extend(epytext_to_rst(doc.splitlines()))
    lines.append("")
    for base in described_by(component.cls):
        how = "Inherited from" if base in component.cls.__mro__ else "As documented by"
        lines.extend([f"{how} ``{base.__name__}``:", ""])
        lines.extend("   " + line if line else "" for line in epytext_to_rst((inspect.getdoc(base) or "").splitlines()))
        lines.append("")
    if component.keys:
        lines.extend([
            "Keys read by ``configure`` (from the code: the getter's type and the default it falls back to):",
            "",
            ".. list-table::",
            "   :header-rows: 1",
            "   :widths: 40 15 45",
            "",
            "   * - key",
            "     - type",
            "     - default",
        ])
        for key in component.keys:
            name = "any top-level key" if key.key == "*" else f"``{key.key}``"
            lines.extend([f"   * - {name}", f"     - {key.kind}", f"     - {_cell(_default_text(key))}"])
        lines.append("")
    elif callable(getattr(component.cls, "configure", None)):
        lines.extend(["Its ``configure`` reads no key by name: the text above says what it does with its config.", ""])
    else:
        lines.extend(["This component takes no configuration.", ""])
    if component.configure_error:
        lines.extend([
            "Configured with an empty config it fails, so some keys are required: "
            + convert_inline("C{" + component.configure_error + "}"),
            "",
        ])
    lines.extend(["Example:", "", ".. code-block:: yaml", ""])
    lines.extend("   " + line for line in example_entry(component).splitlines())
    lines.append("")
    return lines


def render_common() -> list[str]:
    """The section on keys that many components share."""
    title = "Keys many components share"
    lines = [".. _config-common:", "", title, "-" * len(title), ""]
    lines.extend(convert_inline(line) for line in [
        "A component that talks to a server reads its address with a C{ConnectionResolver} and",
        "its secrets with a C{CredentialResolver}; one that uses another component names it",
        "through a C{DependencyResolver}. Where a table below lists C{connection.*},",
        "C{connections.*}, C{credential.*} or C{dependencies.*}, these are the keys:",
    ])
    lines.append("")
    for cls in common_classes():
        lines.extend([f"``{_public_package(cls)}.{cls.__name__}``", ""])
        lines.extend("   " + line if line else "" for line in epytext_to_rst((inspect.getdoc(cls) or "").splitlines()))
        lines.append("")
    return lines


def render(components_list: Optional[list[Component]] = None) -> list[str]:
    """The whole reference: a summary table, the shared keys, then a section per class."""
    found = components() if components_list is None else components_list
    lines = [
        ".. list-table:: Standard descriptors",
        "   :header-rows: 1",
        "   :widths: 55 45",
        "",
        "   * - descriptor",
        "     - class",
    ]
    for component in found:
        for descriptor in component.descriptors:
            lines.extend([f"   * - ``{descriptor}``", f"     - :ref:`{component.name} <{_anchor(component)}>`"])
    lines.append("")
    lines.extend(render_common())
    for component in found:
        lines.extend(render_component(component))
    return lines


def setup(app: Any) -> dict[str, Any]:
    from docutils import nodes
    from docutils.statemachine import StringList
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.nodes import nested_parse_with_titles

    class ConfigReferenceDirective(SphinxDirective):
        """C{.. config-reference::}: every standard descriptor, generated."""

        has_content = False

        def run(self) -> list[Any]:
            import pipservices_tx.container._default_container_factory as composition

            self.env.note_dependency(composition.__file__)
            for component in components():
                self.env.note_dependency(inspect.getfile(component.cls))
            container = nodes.section()
            container.document = self.state.document
            source = self.get_source_info()[0] or "<config-reference>"
            content = StringList(render(), source=source)
            nested_parse_with_titles(self.state, content, container)
            return list(container.children)

    app.add_directive("config-reference", ConfigReferenceDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str]) -> int:
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.dirname(os.path.dirname(here)))
    if "--gaps" in argv:
        for component in components():
            missing = undocumented_keys(component)
            if missing:
                print(f"{component.class_path}: {', '.join(missing)}")
        return 0
    print("\n".join(render()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
