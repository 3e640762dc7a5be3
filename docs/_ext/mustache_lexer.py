"""A Pygments lexer for config files: YAML with the Mustache-style tags of pipservices_tx.

Pygments' Jinja and Handlebars lexers reject C{{{^VAR}}} and multi-line
C{{{! comments }}}, which the config templates use; this one marks every
tag and hands the rest to the YAML lexer. Use it as C{yaml+mustache}.
"""

from __future__ import annotations

import re
from typing import Any

from pygments.lexer import DelegatingLexer, RegexLexer
from pygments.lexers import YamlLexer
from pygments.token import Comment, Other


class MustacheTagsLexer(RegexLexer):
    """Tags as comments or preprocessor tokens; everything else is left to the root lexer."""

    name = "Mustache tags"
    aliases: list[str] = []
    flags = re.DOTALL
    tokens = {
        "root": [
            (r"\{\{!.*?\}\}", Comment),
            (r"\{\{\{[^}]*\}\}\}", Comment.Preproc),
            (r"\{\{[^}]*\}\}", Comment.Preproc),
            (r"[^{]+", Other),
            (r"\{", Other),
        ],
    }


class YamlMustacheLexer(DelegatingLexer):
    """YAML with C{{{VAR}}}, C{{{#if}}}, C{{{^VAR}}}... tags."""

    name = "YAML+Mustache"
    aliases = ["yaml+mustache"]

    def __init__(self, **options: Any) -> None:
        super().__init__(YamlLexer, MustacheTagsLexer, **options)


def setup(app: Any) -> dict[str, Any]:
    app.add_lexer("yaml+mustache", YamlMustacheLexer)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
