"""Turns the epytext markup of pipservices_tx docstrings into reStructuredText.

The code documents itself the Twisted way: C{name} for code, L{Name} for a
link, indented lists right under a paragraph, @param fields. Sphinx reads
reStructuredText, where most of that is an error. This module converts a
docstring's lines before autodoc (or the configuration reference) parses
them:

- C{x} and L{x} become inline literals (``x``), with escapes where RST
  would not see an inline literal (a letter right after it, say);
- a stray C{*}, C{|} or backquote in plain text is escaped, so it is not
  read as the start of emphasis, a substitution or interpreted text;
- a list that starts right under a paragraph, or a paragraph right under
  a list, gets the blank line RST needs;
- @param, @return, @raise and @type become RST fields;
- literal blocks (a paragraph ending in C{::} and the indented lines after
  it) are left exactly as written.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

# RST recognises inline markup only between these (docutils' rules).
_OPEN_BEFORE = set(" \t\n'\"([{<-/:‘“’«¡¿‐‑‒–— ")
_CLOSE_AFTER = set(" \t\n'\")]}>-/:.,;!?\\’”»‐‑‒–— ")

_BULLET = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+\S")
_FIELD = re.compile(r"^(\s*)@(param|type|return|returns|rtype|raise|raises|ivar|cvar|var|keyword|note|see)\b\s*([^:]*):(.*)$")
_REFERENCE_SUFFIX = re.compile(r"(?<=[A-Za-z0-9])_(?=$|[\s.,;:!?)\]}'\"])")


def _matching_brace(text: str, start: int) -> int:
    """The index of the C{}} closing the C{{} at C{start}, or -1."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _escape_plain(text: str) -> str:
    """Escapes what RST would read as the start of inline markup in plain prose."""
    text = text.replace("\\", "\\\\")
    text = text.replace("*", "\\*").replace("`", "\\`").replace("|", "\\|")
    return _REFERENCE_SUFFIX.sub("\\_", text)


def _literal(content: str) -> str:
    content = content.strip()
    if not content:
        return ""
    if "``" in content:
        # An inline literal cannot hold its own delimiter: use the :code: role's escaping.
        return ":code:`" + content.replace("\\", "\\\\").replace("`", "\\`") + "`"
    return "``" + content + "``"


def convert_inline(line: str) -> str:
    """One line of prose: C{x}/L{x} to inline literals, the rest escaped."""
    pieces: list[tuple[bool, str]] = []  # (is_markup, text)
    position = 0
    index = 0
    while index < len(line):
        if line[index] in "CLIBUME" and line.startswith("{", index + 1) and (
            index == 0 or not (line[index - 1].isalnum() or line[index - 1] == "_")
        ):
            end = _matching_brace(line, index + 1)
            if end > 0:
                pieces.append((False, line[position:index]))
                content = line[index + 2:end]
                if line[index] == "L" and "<" in content and content.endswith(">"):
                    content = content[: content.index("<")].strip() or content
                if line[index] in "CL":
                    pieces.append((True, _literal(content)))
                elif line[index] in "IB":
                    marker = "*" if line[index] == "I" else "**"
                    escaped = _escape_plain(content.strip())
                    pieces.append((True, f"{marker}{escaped}{marker}" if escaped else ""))
                else:
                    pieces.append((False, content))
                position = index = end + 1
                continue
        index += 1
    pieces.append((False, line[position:]))

    out: list[str] = []
    for number, (is_markup, text) in enumerate(pieces):
        if not is_markup:
            out.append(_escape_plain(text))
            continue
        if not text:
            continue
        before = "".join(out)[-1:] if out else ""
        if before and before not in _OPEN_BEFORE:
            out.append("\\ ")
        out.append(text)
        following = ""
        for later_markup, later_text in pieces[number + 1:]:
            if later_text:
                following = later_text[0] if not later_markup else "`"
                break
        if following and following not in _CLOSE_AFTER:
            out.append("\\ ")
    return "".join(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def epytext_to_rst(lines: Iterable[str]) -> list[str]:
    """A docstring's lines (as autodoc gives them, dedented) in RST."""
    source = list(lines)
    result: list[str] = []
    literal_indent: int | None = None  # inside a literal block started at this indent
    bullet_indent: int | None = None  # inside a list whose bullets are at this indent
    previous = ""
    for raw in source:
        line = raw.rstrip()
        stripped = line.strip()
        indent = _indent(line)

        if literal_indent is not None:
            if not stripped or indent > literal_indent:
                result.append(line)
                previous = ""  # a literal block never runs into the prose after it
                continue
            literal_indent = None
            if result and result[-1].strip():
                result.append("")

        if not stripped:
            result.append("")
            previous = ""
            continue

        field = _FIELD.match(line)
        if field:
            lead, name, argument, rest = field.groups()
            name = {"raise": "raises", "returns": "return"}.get(name, name)
            argument = argument.strip()
            head = f":{name} {argument}:" if argument else f":{name}:"
            if previous and not previous.lstrip().startswith(":"):
                result.append("")
            line = lead + head + convert_inline(rest)
            result.append(line)
            previous = line
            bullet_indent = None
            continue

        is_bullet = bool(_BULLET.match(line))
        needs_blank = False
        if previous:
            previous_indent = _indent(previous)
            previous_is_bullet = bool(_BULLET.match(previous))
            if is_bullet:
                # A list right under a paragraph (same or less indented) needs a blank line.
                if bullet_indent is None and not previous_is_bullet and previous_indent <= indent:
                    needs_blank = True
                elif bullet_indent is not None and indent < bullet_indent:
                    needs_blank = True
            elif bullet_indent is not None and indent <= bullet_indent:
                # Prose after a list, at the list's level or less: end the list.
                needs_blank = True
            elif bullet_indent is None and indent > previous_indent and not previous.rstrip().endswith("::"):
                # Epytext lets a paragraph go on indented; RST would call it an error.
                needs_blank = True
        if needs_blank:
            result.append("")
        if is_bullet:
            bullet_indent = indent
        elif bullet_indent is not None and indent <= bullet_indent:
            bullet_indent = None

        converted = convert_inline(line) if not line.rstrip().endswith("::") else _convert_colons(line)
        result.append(converted)
        previous = converted
        if line.rstrip().endswith("::"):
            literal_indent = indent if not is_bullet else indent + 2
            bullet_indent = None if not is_bullet else bullet_indent
    return result


def _convert_colons(line: str) -> str:
    body = line.rstrip()[:-2]
    return convert_inline(body) + "::"


def process_docstring(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """The C{autodoc-process-docstring} hook: converts C{lines} in place."""
    lines[:] = epytext_to_rst(lines)


def setup(app: Any) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", process_docstring)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
