# -*- test-case-name: tests.docs.test_config_reference -*-
"""The generated configuration reference covers every standard descriptor and tells the truth."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import ConfigParams
from pipservices_tx.container import parse_container_config

from ._paths import EXTENSIONS, ROOT, docs_extension

reference = docs_extension("config_reference")

# Keys the code reads that no docstring of the class (or of the bases and
# settings it defers to) names. Shrink this list by documenting the key in
# the docstring; never grow it: a new key belongs in its class's docstring.
KNOWN_GAPS: dict[str, list[str]] = {}


class ConfigReferenceTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.components = reference.components()

    def test_every_standard_descriptor_is_listed(self) -> None:
        text = "\n".join(reference.render(self.components))
        standard = reference.standard_components()
        self.assertGreater(len(standard), 40)
        for descriptor, _ in standard:
            self.assertIn(f"``{descriptor}``", text)
        listed = [(d, c.class_path) for c in self.components for d in c.descriptors]
        self.assertEqual(sorted(listed), sorted(standard))

    def test_keys_and_defaults_come_from_the_code(self) -> None:
        endpoint = next(c for c in self.components if c.name == "HttpEndpoint")
        keys = {k.key: k for k in endpoint.keys}
        self.assertEqual((keys["options.shutdown_timeout"].kind, keys["options.shutdown_timeout"].default),
                         ("float", 10.0))
        self.assertEqual(keys["connection.protocol"].default, "http")
        cache = next(c for c in self.components if c.name == "MemoryCache")
        self.assertEqual({k.key: k.default for k in cache.keys if k.has_default},
                         {"options.timeout": 60000, "options.max_size": 1000})

    def test_recording_leaves_config_params_as_it_was(self) -> None:
        before = dict(vars(ConfigParams))
        with reference.recording_config_reads() as recorder:
            ConfigParams.from_tuples("a.b", "1").get_section("a").get_as_integer_with_default("b", 5)
        self.assertEqual(recorder.keys["a.b"].default, 5)
        self.assertEqual(dict(vars(ConfigParams)), before)

    def test_every_example_entry_is_a_valid_entry_of_its_class(self) -> None:
        for component in self.components:
            text = reference.example_entry(component)
            entries = parse_container_config(ConfigParams.from_value(yaml.safe_load(text)), "example")
            self.assertEqual(len(entries), 1, text)
            (entry,) = entries
            self.assertTrue(any(reference.example_descriptor(d) == str(entry.descriptor)
                                for d in component.descriptors), text)
            instance = component.cls()
            if component.configure_error:
                # It needs keys that have no default (a secret, say): the page says so.
                self.assertIn("Configured with an empty config it fails", "\n".join(reference.render_component(component)))
            elif hasattr(instance, "configure"):
                instance.configure(entry.config)  # the defaults, spelled out, are accepted

    def test_no_class_reads_a_key_its_docstrings_do_not_name(self) -> None:
        gaps = {c.class_path: reference.undocumented_keys(c) for c in self.components}
        gaps = {path: keys for path, keys in gaps.items() if keys}
        for path, keys in gaps.items():
            known = KNOWN_GAPS.get(path, [])
            self.assertEqual([k for k in keys if k not in known], [],
                             f"{path} reads config keys its docstring does not describe")


class EpytextTests(SynchronousTestCase):
    def setUp(self) -> None:
        self.markup = docs_extension("epytext_markup")

    def test_code_and_links_become_inline_literals(self) -> None:
        convert = self.markup.convert_inline
        self.assertEqual(convert("C{a.b} and L{Foo}."), "``a.b`` and ``Foo``.")
        self.assertEqual(convert("C{{prefix}} keys"), "``{prefix}`` keys")
        self.assertEqual(convert("C{Deferred}s"), "``Deferred``\\ s")
        self.assertEqual(convert("L{the class<pkg.Foo>}"), "``the class``")

    def test_prose_that_rst_would_read_as_markup_is_escaped(self) -> None:
        convert = self.markup.convert_inline
        self.assertEqual(convert("a * b | c `d`"), "a \\* b \\| c \\`d\\`")
        self.assertEqual(convert("name_ here"), "name\\_ here")
        self.assertEqual(convert("C{*:cache:*:*:1.0}"), "``*:cache:*:*:1.0``")

    def test_lists_get_the_blank_lines_rst_needs(self) -> None:
        lines = self.markup.epytext_to_rst(["Config:", "  - C{a}: one", "    more", "  - C{b}", "After."])
        self.assertEqual(lines, ["Config:", "", "  - ``a``: one", "    more", "  - ``b``", "", "After."])

    def test_literal_blocks_are_left_alone(self) -> None:
        lines = self.markup.epytext_to_rst(["For example::", "", "    x = C{y} * 2", "Done."])
        self.assertEqual(lines, ["For example::", "", "    x = C{y} * 2", "", "Done."])

    def test_epytext_fields_become_rst_fields(self) -> None:
        lines = self.markup.epytext_to_rst(["Does it.", "@param name: the C{name}", "@return: it"])
        self.assertEqual(lines, ["Does it.", "", ":param name: the ``name``", ":return: it"])


class ReproducibleReferenceTests(SynchronousTestCase):
    def test_two_processes_render_the_same_page(self) -> None:
        # No default may be random (an instance id copied by two replicas would collide).
        def render() -> bytes:
            return subprocess.run([sys.executable, os.path.join(EXTENSIONS, "config_reference.py")], cwd=ROOT,
                                  capture_output=True, check=True, timeout=120).stdout

        first = render()
        self.assertGreater(len(first), 10000)
        self.assertEqual(first, render())
