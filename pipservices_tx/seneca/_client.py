# -*- test-case-name: tests.seneca.test_client -*-
"""SenecaClient: acts on a seneca service over the seneca HTTP transport, with treq."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from ..clients import RestClient
from ..config import ConfigParams
from ..errors import (
    STATUS_BY_CATEGORY,
    ApplicationException,
    BadRequestException,
    ErrorDescription,
    NotFoundException,
    UnknownException,
    error_from_description,
)
from ._patterns import PatternLike, parse_pattern
from ._router import DEFAULT_PATH
from ._wire import CORRELATION_ID_FIELD, META_FIELD

#: The errors a seneca listener makes itself, by code, and the class each one is here.
SENECA_ERROR_CLASSES: dict[str, type[ApplicationException]] = {
    "act_not_found": NotFoundException,
    "invalid_json": BadRequestException,
    "act_invalid_msg": BadRequestException,
    "no_data": BadRequestException,
}


class SenecaClient(RestClient):
    """
    Sends acts as C{seneca.client({type: 'http'})} does: a JSON object of the
    pattern's fields, the arguments and C{correlation_id}, POSTed to C{path}
    (default C{/act}). Configured like a L{RestClient}: C{connection.*}
    (seneca's port is 10101), C{credential.*} for https, C{options.timeout},
    C{options.connect_timeout} and C{options.max_connections};
    C{options.retries}, C{options.retry_delay}, C{options.max_retry_delay} and
    C{options.retry_jitter} apply to no act, since an act is never sent twice
    (one that could not be sent at all goes to another instance). Acts are
    balanced over every instance the connections name, as by a L{RestClient}:
    C{options.balancing}, C{options.deadline}, C{options.refresh_interval},
    C{options.resolve_addresses}, C{options.failure_threshold},
    C{options.open_time} and C{options.max_open_time}. Results come back as
    sent (C{meta$} removed); errors as the service's exception when it is ours,
    and for a seneca service's own errors: C{act_not_found} as
    NotFoundException, the error an action failed with (C{act_execute}) by its
    own code and message.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(None, **kwargs)
        self.path = DEFAULT_PATH

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.path = config.get_as_string_with_default("path", self.path)

    def act(
        self,
        correlation_id: Optional[str],
        pattern: PatternLike,
        args: Optional[Mapping[str, Any]] = None,
        name: Optional[str] = None,
    ) -> Deferred[Any]:
        """
        Fires with the result of the act C{pattern} (C{"role:math,cmd:sum"} or
        a mapping) with C{args}; C{name} (default: the pattern's values joined
        by dots) names the call in counters and logs.
        """
        fields = parse_pattern(pattern)
        message = dict(args or {})
        message.update(fields)
        if correlation_id is not None:
            message[CORRELATION_ID_FIELD] = correlation_id
        d = self._call("POST", self.path, correlation_id, data=message, idempotent=False,
                       name=name or ".".join(fields.values()), correlation_in_query=False)
        return d.addCallbacks(_result_of, _seneca_error, errbackArgs=(correlation_id,))


def _result_of(value: Any) -> Any:
    """A result without the C{meta$} that seneca's built-in transport adds (empty: None; error: raised)."""
    if not isinstance(value, dict) or META_FIELD not in value:
        return value
    meta = value.pop(META_FIELD)
    if isinstance(meta, dict):
        if meta.get("error"):
            raise error_from_description(ErrorDescription.from_json(value))
        if meta.get("empty"):
            return None
    return value


def _seneca_error(failure: Failure, correlation_id: Optional[str]) -> Failure:
    """Our class for the errors a seneca listener makes (L{SENECA_ERROR_CLASSES}, C{act_execute})."""
    error = failure.value
    if type(error) is not UnknownException:
        return failure
    assert isinstance(error, UnknownException)
    details = error.details or {}
    original = details.get("orig$")
    if error.code == "act_execute" and isinstance(original, Mapping) and isinstance(original.get("code"), str):
        description = ErrorDescription.from_json(dict(original, message=details.get("message$") or error.message))
    elif error.code in SENECA_ERROR_CLASSES:
        cls = SENECA_ERROR_CLASSES[error.code]
        description = ErrorDescription(category=cls.default_category, status=STATUS_BY_CATEGORY[cls.default_category],
                                       code=error.code, message=error.message, details=error.details)
    else:
        return failure
    description.correlation_id = error.correlation_id or correlation_id
    rebuilt = error_from_description(description)
    rebuilt.__cause__ = error
    return Failure(rebuilt)
