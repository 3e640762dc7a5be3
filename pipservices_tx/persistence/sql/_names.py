# -*- test-case-name: tests.persistence_sql.test_names -*-
"""Validation of the names that reach SQL text: tables, columns, indexes and field paths."""

from __future__ import annotations

import hashlib
import re
from typing import Optional

from ...errors import BadRequestException, ConfigException

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}\Z")
_SEGMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}\Z")
_SQL_TYPE = re.compile(r"[A-Za-z][A-Za-z0-9_ ]*(\(\s*\d+\s*(,\s*\d+\s*)?\))?(\s*\[\])?\Z")
MAX_PATH_SEGMENTS = 8


def check_identifier(name: str, what: str = "name") -> str:
    """
    C{name} when it is a plain SQL identifier (letters, digits, C{_}, at most
    63 characters, not starting with a digit); a ConfigException otherwise.
    Identifiers come from code and config, so a bad one is a misconfiguration.
    """
    if not isinstance(name, str) or not _IDENTIFIER.match(name):
        raise ConfigException(
            None, "BAD_SQL_NAME", f"Invalid SQL {what} {name!r}: use letters, digits and _"
        ).with_details(what, repr(name))
    return name


def check_sql_type(sql_type: str) -> str:
    """C{sql_type} when it looks like a type (C{TEXT}, C{VARCHAR(64)}, C{NUMERIC(10,2)}); else a ConfigException."""
    if not isinstance(sql_type, str) or not _SQL_TYPE.match(sql_type.strip()):
        raise ConfigException(None, "BAD_SQL_TYPE", f"Invalid SQL column type {sql_type!r}")
    return sql_type.strip()


def split_field(path: str, correlation_id: Optional[str] = None) -> list[str]:
    """
    The segments of a field path from a filter, sort or projection
    (C{center.type} gives C{["center", "type"]}). Each segment must be a plain
    identifier: anything else (quotes, brackets, C{$}, spaces...) is a
    BadRequestException with code C{BAD_FIELD}, raised before any SQL is built.
    """
    segments = path.split(".") if isinstance(path, str) else []
    if not segments or len(segments) > MAX_PATH_SEGMENTS or not all(_SEGMENT.match(s) for s in segments):
        raise BadRequestException(correlation_id, "BAD_FIELD", f"Invalid field name {path!r}").with_details(
            "field", repr(path)
        )
    return segments


def index_name(table: str, name: str) -> str:
    """
    The name an index declared as C{name} gets on C{table}: tied to the
    table (C{<table>_<name>}, unless C{name} already starts with
    C{<table>_}), since PostgreSQL index names are shared by a whole schema
    and two tables must not compete for one. Kept within 63 characters (a
    hash of the whole stands for the cut end).
    """
    full = name if name.startswith(table + "_") else f"{table}_{name}"
    if len(full) <= 63:
        return full
    return f"{full[:54]}_{hashlib.sha1(full.encode()).hexdigest()[:8]}"
