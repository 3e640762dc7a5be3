"""Portable errors: categories, the exception classes and their wire form."""

from ._application_exception import ApplicationException
from ._category import STATUS_BY_CATEGORY, ErrorCategory
from ._description import ErrorDescription, annotate_error, error_from_description, register_error_class
from ._exceptions import (
    BadRequestException,
    ConfigException,
    ConflictException,
    ConnectionException,
    CreateException,
    FileException,
    ForbiddenException,
    InternalException,
    InvalidStateException,
    InvocationException,
    NotFoundException,
    ReferenceException,
    UnauthorizedException,
    UnknownException,
    UnsupportedException,
)

__all__ = [
    "ApplicationException",
    "BadRequestException",
    "ConfigException",
    "ConflictException",
    "ConnectionException",
    "CreateException",
    "ErrorCategory",
    "ErrorDescription",
    "FileException",
    "ForbiddenException",
    "InternalException",
    "InvalidStateException",
    "InvocationException",
    "NotFoundException",
    "ReferenceException",
    "STATUS_BY_CATEGORY",
    "UnauthorizedException",
    "UnknownException",
    "UnsupportedException",
    "annotate_error",
    "error_from_description",
    "register_error_class",
]

register_error_class(ReferenceException)
register_error_class(CreateException)
register_error_class(ForbiddenException)
