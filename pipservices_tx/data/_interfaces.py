"""Contracts of data objects that persistences recognise."""

from __future__ import annotations

from zope.interface import Attribute, Interface


class IIdentifiable(Interface):
    """An object with a unique C{id} of any comparable type."""

    id = Attribute("The unique id of the object.")


class IStringIdentifiable(IIdentifiable):
    """An object whose C{id} is a string, the usual case on the wire."""


class IChangeable(Interface):
    """An object that remembers when it was last changed."""

    change_time = Attribute("The UTC datetime of the last change.")
