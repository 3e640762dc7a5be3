# -*- test-case-name: tests.config.test_template -*-
"""The Mustache-style templating that config files pass through before YAML parsing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Optional, Union

from ..errors import ConfigException

_TAG = re.compile(r"\{\{(\{)?\s*([#^/!]?)\s*(.*?)\s*(\})?\}\}", re.DOTALL)
_STANDALONE = re.compile(
    r"^[ \t]*(\{\{\s*(?:[#^/!][^}]*|else\s*)\}\})[ \t]*(?:\r?\n|\Z)", re.MULTILINE
)


@dataclass
class _Section:
    name: str
    inverted: bool
    line: int
    closing: str
    body: list[_Node] = field(default_factory=list)
    otherwise: Optional[list[_Node]] = None


@dataclass
class _Var:
    name: str


_Node = Union[str, _Var, _Section]


def _is_set(parameters: Mapping[str, Optional[str]], name: str) -> bool:
    value = parameters.get(name)
    return isinstance(value, str) and value != ""


def _parse(text: str, source: str) -> list[_Node]:
    root: list[_Node] = []
    stack: list[_Section] = []
    target = root
    position = 0
    # A section tag alone on its line takes the whole line with it. The lines
    # are cut here rather than beforehand so that errors name the right line.
    standalone = {m.start(1): (m.start(), m.end()) for m in _STANDALONE.finditer(text)}
    for match in _TAG.finditer(text):
        start, end = standalone.get(match.start(), (match.start(), match.end()))
        if start > position:
            target.append(text[position:start])
        position = end
        line = text.count("\n", 0, match.start()) + 1
        triple, sigil, body, _ = match.groups()
        if sigil == "!":
            continue
        if triple:
            target.append(_Var(body))
        elif sigil in ("#", "^"):
            words = body.split()
            if sigil == "#" and len(words) == 2 and words[0] in ("if", "unless"):
                section = _Section(words[1], words[0] == "unless", line, words[0])
            elif len(words) == 1 and not (sigil == "#" and words[0] in ("if", "unless")):
                section = _Section(words[0], sigil == "^", line, words[0])
            else:
                raise _error(source, line, f"cannot read the section tag '{{{{{sigil}{body}}}}}'")
            target.append(section)
            stack.append(section)
            target = section.body
        elif sigil == "/":
            if not stack:
                raise _error(source, line, f"'{{{{/{body}}}}}' closes no open section")
            section = stack.pop()
            if body != section.closing:
                raise _error(
                    source, line,
                    f"'{{{{/{body}}}}}' does not close the section '{section.name}' "
                    f"opened on line {section.line}",
                )
            target = stack[-1].otherwise if stack and stack[-1].otherwise is not None else (
                stack[-1].body if stack else root
            )
        elif body == "else" and stack:
            stack[-1].otherwise = []
            target = stack[-1].otherwise
        else:
            target.append(_Var(body))
    if stack:
        section = stack[-1]
        raise _error(source, section.line, f"the section '{section.name}' is never closed")
    tail = text[position:]
    if "{{" in tail:
        line = text.count("\n", 0, position + tail.index("{{")) + 1
        raise _error(source, line, "a '{{' is never closed by '}}'")
    if tail:
        root.append(tail)
    return root


def _error(source: str, line: int, message: str) -> ConfigException:
    error = ConfigException(None, "BAD_TEMPLATE", f"{source}, line {line}: {message}")
    return error.with_details("line", line).with_details("source", source)  # type: ignore[return-value]


def _render(nodes: list[_Node], parameters: Mapping[str, Optional[str]], out: list[str]) -> None:
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, _Var):
            out.append(parameters.get(node.name) or "")
        elif _is_set(parameters, node.name) != node.inverted:
            _render(node.body, parameters, out)
        elif node.otherwise is not None:
            _render(node.otherwise, parameters, out)


def render_template(
    text: str, parameters: Mapping[str, Optional[str]], source: str = "<template>"
) -> str:
    """
    Renders C{{{VAR}}}, C{{{{VAR}}}}, C{{{#if VAR}}}, C{{{#unless VAR}}},
    C{{{#VAR}}}, C{{{^VAR}}}, C{{{else}}} and C{{{! comments }}}. A variable is
    set when it is a non-empty string. Mistakes raise L{ConfigException}
    (code C{BAD_TEMPLATE}) naming C{source} and the line.
    """
    out: list[str] = []
    _render(_parse(text, source), parameters, out)
    return "".join(out)
