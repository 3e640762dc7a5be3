# -*- test-case-name: tests.config.test_checked -*-
"""The rules every component's config obeys, whoever reads it: ports are ports, timeouts are not negative."""

from __future__ import annotations

import re
from typing import Mapping, Optional

from ._checked import _is_unset, _number

# connection.port, connections.<name>.port, and a port at the top of a connection section.
_PORT = re.compile(r"^(?:connection\.|connections\.[^.]+\.)?port$")


def check_config_values(config: Mapping[str, Optional[str]]) -> None:
    """
    Raises a ConfigException C{BAD_VALUE} naming the first key that breaks a
    rule: a C{port} of a connection that is not an integer from 0 to 65535,
    or a key ending in C{timeout} that is not a number, not finite or
    negative. Empty values pass (a template variable left unset); the
    component's own default applies to them.
    """
    for key, value in config.items():
        if _is_unset(value):
            continue
        if _PORT.match(key):
            _number(key, value, True, 0, 65535)
        elif key.rsplit(".", 1)[-1].endswith("timeout"):
            _number(key, value, False, 0, None)
