"""Tests for the Mustache-style template renderer of config files (docs/protocol.rst, section 2)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.config import render_template
from pipservices_tx.errors import ConfigException


class VariableTests(SynchronousTestCase):
    def test_double_and_triple_braces(self) -> None:
        params = {"HOST": "db.local", "PORT": "5432"}
        self.assertEqual(render_template("host: {{HOST}}:{{ PORT }}", params), "host: db.local:5432")
        self.assertEqual(render_template("host: {{{HOST}}}", params), "host: db.local")

    def test_values_are_not_escaped(self) -> None:
        self.assertEqual(render_template("{{V}}|{{{V}}}", {"V": "<a&'\">"}), "<a&'\">|<a&'\">")

    def test_missing_and_none_render_empty(self) -> None:
        self.assertEqual(render_template("[{{MISSING}}][{{NONE}}]", {"NONE": None}), "[][]")


class SectionTests(SynchronousTestCase):
    def test_if(self) -> None:
        template = "a{{#if X}}b{{/if}}c"
        self.assertEqual(render_template(template, {"X": "1"}), "abc")
        self.assertEqual(render_template(template, {}), "ac")

    def test_set_means_non_empty_string(self) -> None:
        template = "{{#if X}}yes{{/if}}"
        self.assertEqual(render_template(template, {"X": ""}), "")
        self.assertEqual(render_template(template, {"X": None}), "")
        self.assertEqual(render_template(template, {"X": "false"}), "yes")
        self.assertEqual(render_template(template, {"X": "0"}), "yes")

    def test_unless(self) -> None:
        template = "{{#unless X}}no x{{/unless}}"
        self.assertEqual(render_template(template, {}), "no x")
        self.assertEqual(render_template(template, {"X": "1"}), "")

    def test_section_and_inverted_section(self) -> None:
        template = "{{#X}}x is {{X}}{{/X}}{{^X}}x unset{{/X}}"
        self.assertEqual(render_template(template, {"X": "5"}), "x is 5")
        self.assertEqual(render_template(template, {}), "x unset")

    def test_else(self) -> None:
        for template in (
            "{{#if X}}on{{else}}off{{/if}}",
            "{{#X}}on{{else}}off{{/X}}",
            "{{#unless X}}off{{else}}on{{/unless}}",
            "{{^X}}off{{else}}on{{/X}}",
        ):
            self.assertEqual(render_template(template, {"X": "1"}), "on", template)
            self.assertEqual(render_template(template, {}), "off", template)

    def test_nesting(self) -> None:
        template = (
            "{{#if A}}A{{#if B}}B{{else}}b{{#unless C}}!C{{/unless}}{{/if}}.{{else}}"
            "a{{#B}}B{{/B}}{{/if}}-"
        )
        self.assertEqual(render_template(template, {"A": "1", "B": "1"}), "AB.-")
        self.assertEqual(render_template(template, {"A": "1"}), "Ab!C.-")
        self.assertEqual(render_template(template, {"A": "1", "C": "1"}), "Ab.-")
        self.assertEqual(render_template(template, {"B": "1"}), "aB-")
        self.assertEqual(render_template(template, {}), "a-")

    def test_section_after_else_in_nested_section(self) -> None:
        template = "{{#if A}}{{else}}{{#if B}}b{{/if}}after{{/if}}end"
        self.assertEqual(render_template(template, {"B": "1"}), "bafterend")
        self.assertEqual(render_template(template, {"A": "1", "B": "1"}), "end")


class CommentTests(SynchronousTestCase):
    def test_comments_render_nothing(self) -> None:
        self.assertEqual(render_template("a{{! a comment }}b", {}), "ab")
        self.assertEqual(render_template("a{{!no space}}b{{ ! spaced }}c", {}), "abc")

    def test_multi_line_comment(self) -> None:
        self.assertEqual(render_template("a\n{{! line one\nline two }}\nb\n", {}), "a\nb\n")


class StandaloneLineTests(SynchronousTestCase):
    def test_section_tags_alone_on_a_line_leave_no_blank_line(self) -> None:
        template = (
            "- descriptor: a:b:c:d:1.0\n"
            "{{#if MONGO}}\n"
            "  uri: {{MONGO}}\n"
            "  {{else}}  \n"
            "  uri: memory\n"
            "{{/if}}\n"
            "  {{! explain the next line }}\n"
            "- descriptor: e:f:g:h:1.0\n"
        )
        self.assertEqual(
            render_template(template, {"MONGO": "mongodb://x"}),
            "- descriptor: a:b:c:d:1.0\n  uri: mongodb://x\n- descriptor: e:f:g:h:1.0\n",
        )
        self.assertEqual(
            render_template(template, {}),
            "- descriptor: a:b:c:d:1.0\n  uri: memory\n- descriptor: e:f:g:h:1.0\n",
        )

    def test_variables_alone_on_a_line_are_kept(self) -> None:
        self.assertEqual(render_template("a\n{{X}}\nb", {"X": "x"}), "a\nx\nb")

    def test_standalone_tag_on_last_line_without_newline(self) -> None:
        self.assertEqual(render_template("{{#if X}}\nx\n{{/if}}", {"X": "1"}), "x\n")

    def test_crlf(self) -> None:
        self.assertEqual(render_template("a\r\n{{#if X}}\r\nb\r\n{{/if}}\r\nc", {"X": "1"}), "a\r\nb\r\nc")

    def test_inline_tags_keep_the_line(self) -> None:
        self.assertEqual(render_template("a: {{#if X}}1{{/if}}\nb\n", {}), "a: \nb\n")


class ErrorTests(SynchronousTestCase):
    def _error(self, template: str) -> ConfigException:
        return self.assertRaises(ConfigException, render_template, template, {}, "conf.yml")

    def test_unclosed_section(self) -> None:
        error = self._error("a\nb\n{{#if X}}\nc\n")
        self.assertEqual(error.code, "BAD_TEMPLATE")
        self.assertIn("conf.yml, line 3", error.message)
        self.assertIn("'X'", error.message)
        self.assertIn("never closed", error.message)
        self.assertEqual(error.details, {"line": 3, "source": "conf.yml"})

    def test_mismatched_close(self) -> None:
        error = self._error("{{#if X}}\n\n{{/unless}}")
        self.assertIn("conf.yml, line 3", error.message)
        self.assertIn("opened on line 1", error.message)
        error = self._error("{{#A}}{{/B}}")
        self.assertIn("'A'", error.message)

    def test_stray_close(self) -> None:
        error = self._error("x\n{{/if}}")
        self.assertIn("conf.yml, line 2", error.message)
        self.assertIn("closes no open section", error.message)

    def test_unterminated_tag(self) -> None:
        error = self._error("a\nb: {{X\n")
        self.assertIn("conf.yml, line 2", error.message)
        self.assertIn("never closed", error.message)

    def test_bad_section_tag(self) -> None:
        error = self._error("\n{{#if}}x{{/if}}")
        self.assertIn("conf.yml, line 2", error.message)
        error = self._error("{{#each A B}}x{{/each}}")
        self.assertIn("line 1", error.message)

    def test_default_source_name(self) -> None:
        error = self.assertRaises(ConfigException, render_template, "{{#if X}}", {})
        self.assertIn("<template>, line 1", error.message)


class PropertyTests(SynchronousTestCase):
    @settings(max_examples=200)
    @given(st.text().filter(lambda text: "{{" not in text))
    def test_text_without_tags_renders_unchanged(self, text: str) -> None:
        self.assertEqual(render_template(text, {"X": "1"}), text)

    @settings(max_examples=200)
    @given(
        st.text(st.characters(blacklist_characters="{}"), max_size=20),
        st.text(st.characters(blacklist_characters="{}"), max_size=20),
    )
    def test_variable_substitution(self, before: str, value: str) -> None:
        self.assertEqual(render_template(before + "{{V}}" + before, {"V": value}), before + value + before)
