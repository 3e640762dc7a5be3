"""Tests for the config readers: YAML and JSON files, templating and parameters."""

from __future__ import annotations

import json
import os

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import (
    ConfigParams,
    FileConfigReader,
    IConfigReader,
    IConfigurable,
    JsonConfigReader,
    MemoryConfigReader,
    YamlConfigReader,
    container_parameters,
    parse_config_text,
    read_config_file,
    render_config_text,
)
from pipservices_tx.errors import ConfigException, FileException

YAML_CONFIG = """\
{{! the container of the reader tests }}
- descriptor: "pip-services:context-info:default:default:1.0"
  name: {{NAME}}
{{#if DEBUG}}
- descriptor: "pip-services:logger:console:default:1.0"
  level: debug
{{/if}}
- type: "Component,my.module"
  connection:
    host: {{{HOST}}}
    port: 8080
  tags: [a, b]
"""


class _FileTestCase(SynchronousTestCase):
    def write(self, name: str, text: str) -> str:
        directory = self.mktemp()
        os.makedirs(directory)
        path = os.path.join(directory, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path


class ReadConfigFileTests(_FileTestCase):
    def test_yaml(self) -> None:
        path = self.write("config.yml", YAML_CONFIG)
        config = read_config_file(path, {"NAME": "beacons", "HOST": "db"})
        self.assertEqual(config, {
            "0.descriptor": "pip-services:context-info:default:default:1.0",
            "0.name": "beacons",
            "1.type": "Component,my.module",
            "1.connection.host": "db",
            "1.connection.port": "8080",
            "1.tags.0": "a",
            "1.tags.1": "b",
        })

    def test_yaml_with_section_set(self) -> None:
        path = self.write("config.yml", YAML_CONFIG)
        config = read_config_file(path, {"NAME": "x", "DEBUG": "true"})
        self.assertEqual(config.get_section_names(), ["0", "1", "2"])
        self.assertEqual(config["1.level"], "debug")

    def test_json_by_extension(self) -> None:
        path = self.write("config.json", json.dumps([{"descriptor": "a:b:c:d:1.0", "port": "{{PORT}}"}]))
        self.assertEqual(read_config_file(path, {"PORT": "99"}), {"0.descriptor": "a:b:c:d:1.0", "0.port": "99"})

    def test_map_document(self) -> None:
        path = self.write("config.yml", "logger:\n  descriptor: a:b:c:d:1.0\n")
        self.assertEqual(read_config_file(path), {"logger.descriptor": "a:b:c:d:1.0"})

    def test_empty_document(self) -> None:
        self.assertEqual(read_config_file(self.write("config.yml", "# nothing\n")), {})
        self.assertEqual(read_config_file(self.write("config.json", "  \n")), {})

    def test_missing_file(self) -> None:
        path = os.path.join(os.path.abspath(self.mktemp()), "missing.yml")
        error = self.assertRaises(FileException, read_config_file, path)
        self.assertIn(path, error.message)
        self.assertEqual(error.details, {"path": path})
        self.assertIsInstance(error.__cause__, OSError)

    def test_not_utf8(self) -> None:
        path = os.path.join(os.path.abspath(self.mktemp()))
        with open(path, "wb") as f:
            f.write(b"- name: \xff\xfe\n")
        error = self.assertRaises(FileException, read_config_file, path)
        self.assertIn(path, error.message)

    def test_yaml_syntax_error_names_file_and_line(self) -> None:
        path = self.write("config.yml", "- descriptor: a:b:c:d:1.0\n  name: x\n - bad: indent\n")
        error = self.assertRaises(ConfigException, read_config_file, path)
        self.assertEqual(error.code, "BAD_CONFIG")
        self.assertIn(f"{path}, line 3", error.message)
        self.assertIn("invalid YAML", error.message)

    def test_json_syntax_error_names_file_and_line(self) -> None:
        path = self.write("config.json", '[\n  {"a": 1},\n  {"b": }\n]')
        error = self.assertRaises(ConfigException, read_config_file, path)
        self.assertIn(f"{path}, line 3", error.message)
        self.assertIn("invalid JSON", error.message)

    def test_scalar_document(self) -> None:
        for text, kind in (("just text\n", "str"), ("42\n", "int")):
            path = self.write("config.yml", text)
            error = self.assertRaises(ConfigException, read_config_file, path)
            self.assertEqual(error.code, "BAD_CONFIG")
            self.assertIn(path, error.message)
            self.assertIn("expected a list or map", error.message)
            self.assertIn(kind, error.message)

    def test_template_error_names_file(self) -> None:
        path = self.write("config.yml", "- a: 1\n{{#if X}}\n- b: 2\n")
        error = self.assertRaises(ConfigException, read_config_file, path)
        self.assertEqual(error.code, "BAD_TEMPLATE")
        self.assertIn(f"{path}, line 2", error.message)


class TextTests(SynchronousTestCase):
    def test_parse_config_text(self) -> None:
        self.assertEqual(parse_config_text("[1, 2]", "s", "yaml"), {"0": "1", "1": "2"})
        self.assertEqual(parse_config_text('{"a": {"b": null}}', "s", "json"), {"a.b": None})
        error = self.assertRaises(ConfigException, parse_config_text, '"text"', "src.json", "json")
        self.assertIn("src.json", error.message)

    def test_render_config_text(self) -> None:
        self.assertEqual(render_config_text("a: {{A}}", "s", "yaml", {"A": "x"}), {"a": "x"})
        self.assertEqual(render_config_text("a: {{A}}", "s", "yaml", None), {"a": None})


class ParametersTests(SynchronousTestCase):
    def test_environment_overrides_parameters(self) -> None:
        parameters = container_parameters({"A": "from-p", "B": "from-p"}, environ={"A": "from-env", "C": "env"})
        self.assertEqual(parameters, {"A": "from-env", "B": "from-p", "C": "env"})

    def test_process_environment_by_default(self) -> None:
        self.patch(os, "environ", {"PIPS_TEST_VAR": "env"})
        self.assertEqual(container_parameters({"PIPS_TEST_VAR": "p", "X": "1"}), {"PIPS_TEST_VAR": "env", "X": "1"})

    def test_precedence_in_a_rendered_file(self) -> None:
        directory = self.mktemp()
        os.makedirs(directory)
        path = os.path.join(directory, "c.yml")
        with open(path, "w") as f:
            f.write("- name: {{NAME}}\n  port: {{PORT}}\n")
        parameters = container_parameters({"NAME": "p-name", "PORT": "1"}, environ={"PORT": "2"})
        self.assertEqual(read_config_file(path, parameters), {"0.name": "p-name", "0.port": "2"})


class ReaderTests(_FileTestCase):
    def test_interfaces(self) -> None:
        for reader in (MemoryConfigReader(), FileConfigReader(), YamlConfigReader(), JsonConfigReader()):
            self.assertTrue(verifyObject(IConfigReader, reader))
            self.assertTrue(verifyObject(IConfigurable, reader))

    def test_memory_reader_returns_a_copy(self) -> None:
        reader = MemoryConfigReader({"a": 1})
        first = self.successResultOf(reader.read_config("c", None))
        first["a"] = "changed"
        self.assertEqual(self.successResultOf(reader.read_config("c", None)), {"a": "1"})
        reader.configure(ConfigParams({"b": "2"}))
        self.assertEqual(self.successResultOf(reader.read_config("c", None)), {"b": "2"})

    def test_yaml_reader(self) -> None:
        path = self.write("c.yml", "- name: {{NAME}}\n  host: {{HOST}}\n")
        reader = YamlConfigReader()
        reader.configure(ConfigParams.from_tuples("path", path, "parameters.NAME", "default", "parameters.HOST", "h"))
        config = self.successResultOf(reader.read_config("c", ConfigParams({"NAME": "given"})))
        self.assertEqual(config, {"0.name": "given", "0.host": "h"})

    def test_yaml_reader_format_wins_over_extension(self) -> None:
        path = self.write("c.json", "- a: 1\n")
        self.assertEqual(self.successResultOf(YamlConfigReader(path).read_config(None, None)), {"0.a": "1"})

    def test_json_reader(self) -> None:
        path = self.write("c.txt", '{"a": "{{A}}"}')
        self.assertEqual(self.successResultOf(JsonConfigReader(path).read_config(None, ConfigParams({"A": "1"}))),
                         {"a": "1"})

    def test_missing_path(self) -> None:
        error = self.failureResultOf(YamlConfigReader().read_config("c1", None), ConfigException).value
        self.assertEqual(error.correlation_id, "c1")

    def test_missing_file_fails_the_deferred(self) -> None:
        path = os.path.abspath("nope.yml")
        failure = self.failureResultOf(YamlConfigReader(path).read_config("c2", None), FileException)
        self.assertIn(path, failure.value.message)
        self.assertEqual(failure.value.correlation_id, "c2")
