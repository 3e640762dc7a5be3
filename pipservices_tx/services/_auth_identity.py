# -*- test-case-name: tests.security.test_authorizers -*-
"""AuthIdentity: who made a request, as an authorizer found out; handlers read it as C{request.identity}."""

from __future__ import annotations

from typing import Any, Mapping

import attrs


def _frozen_roles(roles: Any) -> frozenset[str]:
    return frozenset(str(role) for role in roles)


@attrs.frozen
class AuthIdentity:
    """
    The caller of a request: C{name} (a user name, or a token's subject),
    C{roles}, the C{scheme} that proved it (C{basic}, C{bearer}) and the
    token's C{claims} (empty for basic auth).
    """

    name: str
    roles: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen_roles)
    scheme: str = ""
    claims: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def has_any_role(self, roles: Any) -> bool:
        """True when C{roles} is empty (any caller) or names one of this caller's roles."""
        wanted = list(roles)
        return not wanted or any(role in self.roles for role in wanted)


def split_roles(value: Any) -> list[str]:
    """
    Roles from a config value or a token claim: a list, or a string with
    commas or spaces between the names (C{"admin, user"}, C{"admin user"}).
    """
    if value is None:
        return []
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(item).strip() for item in value if item is not None and str(item).strip()]
    return []
