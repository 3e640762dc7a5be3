# -*- test-case-name: tests.addons.test_random_shutdown -*-
"""RandomShutdown: chaos for resilience drills, ending the process at a random moment."""

from __future__ import annotations

import os
import random as _random
from typing import Any, Callable, Optional

from twisted.internet.interfaces import IDelayedCall
from zope.interface import implementer

from ..config import ConfigParams, IConfigurable
from ..errors import ConfigException, InvalidStateException
from ..lifecycle import IOpenable, ReactorAware
from ..logs import CompositeLogger
from ..refer import IReferenceable, IReferences

MODES = ("stop", "crash", "exception")


@implementer(IOpenable, IConfigurable, IReferenceable)
class RandomShutdown(ReactorAware):
    """
    Once open, ends the process after a random delay between
    C{options.min_timeout} and C{options.max_timeout} milliseconds (default
    300000 and 900000), so a drill shows that the fleet survives a node
    going away. OFF unless C{enabled: true} is configured: a config that
    merely names it does nothing but log that it is disabled.

    C{mode}:
      - C{stop} (default): a fatal log, then C{reactor.stop()}; twistd
        closes the container in order and the process exits;
      - C{crash}: a fatal log, then C{os._exit(options.exit_code)} (default
        1) at once, with no cleanup, as a killed process;
      - C{exception}: raises an InvalidStateException C{RANDOM_SHUTDOWN} in
        the reactor, which logs it as unhandled and carries on: for drills of
        error reporting rather than of restarts.

    The reactor (L{set_reactor}), C{random} (a C{random.Random}) and C{terminate} (called with
    the mode instead of the actions above) are injectable for tests.
    """

    def __init__(
        self,
        terminate: Optional[Callable[[str], Any]] = None,
        random: Optional[_random.Random] = None,
    ) -> None:
        self._terminate = terminate
        self._random = random or _random.Random()
        self._logger = CompositeLogger(component="RandomShutdown")
        self.enabled = False
        self.mode = "stop"
        self.min_timeout = 300000
        self.max_timeout = 900000
        self.exit_code = 1
        self._call: Optional[IDelayedCall] = None
        self._opened = False

    def configure(self, config: ConfigParams) -> None:
        self.enabled = config.get_as_checked_boolean("enabled", False)
        mode = config.get_as_string_with_default("mode", self.mode).strip().lower()
        if mode not in MODES:
            raise ConfigException(None, "BAD_MODE", f"RandomShutdown mode '{mode}' is not one of {', '.join(MODES)}")
        self.mode = mode
        self.min_timeout = config.get_as_checked_timeout("options.min_timeout", self.min_timeout)
        self.max_timeout = max(self.min_timeout, config.get_as_checked_timeout("options.max_timeout", self.max_timeout))
        self.exit_code = config.get_as_checked_integer("options.exit_code", self.exit_code, minimum=0, maximum=255)

    def set_references(self, references: IReferences) -> None:
        self._logger.set_references(references)

    def is_open(self) -> bool:
        return self._opened

    @property
    def scheduled(self) -> bool:
        """True while a shutdown is pending."""
        return self._call is not None and self._call.active()

    def open(self, correlation_id: Optional[str]) -> None:
        self._opened = True
        if not self.enabled:
            self._logger.info(correlation_id, "RandomShutdown is disabled (set enabled: true to arm it)")
            return
        delay_ms = self._random.uniform(self.min_timeout, self.max_timeout)
        self._logger.warn(
            correlation_id, "RandomShutdown armed: the process ends (%s) in %.1f s, between %d and %d ms",
            self.mode, delay_ms / 1000.0, self.min_timeout, self.max_timeout,
        )
        self._call = self.reactor.callLater(delay_ms / 1000.0, self.shutdown, correlation_id)

    def close(self, correlation_id: Optional[str]) -> None:
        self._opened = False
        call, self._call = self._call, None
        if call is not None and call.active():
            call.cancel()

    def shutdown(self, correlation_id: Optional[str] = None) -> None:
        """Ends the process now, in the configured mode."""
        self._call = None
        self._logger.fatal(correlation_id, None, "RandomShutdown: ending the process now (%s)", self.mode)
        if self._terminate is not None:
            self._terminate(self.mode)
        elif self.mode == "crash":
            os._exit(self.exit_code)
        elif self.mode == "exception":
            raise InvalidStateException(correlation_id, "RANDOM_SHUTDOWN", "Random shutdown (a drill)")
        else:
            if getattr(self.reactor, "running", False):
                self.reactor.stop()  # type: ignore[attr-defined]
