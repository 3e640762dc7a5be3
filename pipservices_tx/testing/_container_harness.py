# -*- test-case-name: tests.testing.test_container_harness -*-
"""ContainerHarness: a whole container from YAML, in a trial test, on a fake reactor.

The way to test a pipservices_tx service end to end: the real config, the
real factories and the real REST services, but no socket, no global reactor
and no waiting. Time is a C{MemoryReactorClock} that the test advances;
requests go through C{StubTreq} to the endpoint's dispatcher; components
that talk to servers are swapped for in-memory fakes by descriptor::

    class BeaconsTests(SynchronousTestCase):
        def setUp(self):
            self.harness = ContainerHarness.from_file(
                CONFIG,                    # trial runs in _trial_temp: an absolute path
                parameters={"LOG_LEVEL": "trace"},
                replace={"beacons:persistence:*:*:1.0": FakeBeaconsPersistence},
            ).start(self)                  # opened now, closed after the test

        def test_create(self):
            status, beacon = self.successResultOf(self.harness.call_command(
                "v1/beacons", "create_beacon", {"beacon": {"site_id": "1", "udi": "00001"}}))
            self.assertEqual(status, 200)
            self.harness.logs.assert_logged("trace", "Executing v1/beacons.create_beacon")
            self.harness.advance(300)      # five minutes pass: LogCounters dumps
            self.harness.logs.assert_logged("info", "Counter v1/beacons.create_beacon.exec_count")

What the harness does to the config's components, entry by entry, when it
builds the container:

  - an entry whose descriptor matches a key of C{replace} (wildcards
    allowed; a key without four colons names a C{type:} entry instead) gets
    the given object instead of the factory's, or a new instance when the
    value is a class; it is then configured with the entry's config like any
    component. A key that matches no entry is an error, so a typo cannot
    silently test the real component;
  - the container is made with the harness reactor, so every component
    that provides C{IReactorAware}, replaced or not, gets it through
    C{set_reactor}, the one way components take a reactor. The container's
    own phase timeouts use it too, so a component that never opens fails
    after C{advance(phase_timeout)};
  - a plain C{ConsoleLogger} is rebuilt to print into C{harness.console}
    (a StringIO) instead of stdout, unless C{quiet=False}; when the config
    names no logger, the console logger the container would add is added
    as a last entry so that it prints there too. Entries are still published
    to twisted.logger, and C{harness.logs} captures them from the start of
    L{open} to the end of L{close}. Trial fails a test in which an entry
    with an error was logged (an error while opening, a 500...) unless the
    test calls C{self.flushLoggedErrors(ExpectedError)}.

Template parameters come only from C{parameters}: the environment is not
read, so a variable set on a developer's machine cannot change a test.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any, Callable, Iterable, Mapping, Optional, Union

from treq.testing import StubTreq
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IReactorTime
from twisted.logger import globalLogPublisher
from twisted.python.failure import Failure

from ..build import IFactory
from ..config import ConfigParams, read_config_file, render_config_text
from ..container import ComponentConfig, Container
from ..errors import ConfigException, InvalidStateException
from ..logs import ConsoleLogger
from ..refer import Descriptor
from ..services import ENDPOINT_DESCRIPTOR, HttpEndpoint, RestService
from ._counter_assertions import CounterReading, counter_value
from ._log_assertions import CapturedLogs
from ._memory_reactor import HarnessReactor
from ._replacements import HarnessContainer, Replacement, as_locator
from ._stub_client import JsonResponse, call_command, get_json, post_json

Locator = Union[str, Descriptor]

_MAX_TURNS = 1000
_LOGGER = Descriptor("*", "logger", "*", "*", "*")
_DEFAULT_CONSOLE_LOGGER = Descriptor("pip-services", "logger", "console", "default", "1.0")


def _parameters(parameters: Optional[Mapping[str, Any]]) -> dict[str, Optional[str]]:
    return {key: None if value is None else str(value) for key, value in (parameters or {}).items()}


def _result_now(d: Deferred[Any], what: str) -> Any:
    results: list[Any] = []
    d.addBoth(results.append)
    if not results:
        raise AssertionError(
            f"The container did not {what} synchronously: a component waits on I/O or on the clock. "
            "Replace it with a fake, or call open()/close() and advance() the clock yourself."
        )
    if isinstance(results[0], Failure):
        results[0].raiseException()
    return results[0]


class ContainerHarness:
    """
    A container built from a config, run on L{reactor}: a
    L{HarnessReactor} unless another C{MemoryReactorClock} is given. Build
    one with L{from_yaml} or L{from_file}; see the module docstring.
    """

    def __init__(
        self,
        config: ConfigParams,
        *,
        source: str = "<test config>",
        replace: Optional[Mapping[Locator, Any]] = None,
        reactor: Optional[IReactorTime] = None,
        factories: Iterable[IFactory] = (),
        name: Optional[str] = None,
        phase_timeout: float = 30.0,
        quiet: bool = True,
    ) -> None:
        self.reactor: Any = reactor if reactor is not None else HarnessReactor()
        self.console = io.StringIO()
        self.logs = CapturedLogs()
        self.quiet = quiet
        self.container: Container = HarnessContainer(
            self._create_component, name=name, factories=factories, reactor=self.reactor, phase_timeout=phase_timeout
        )
        self.container.configure(config, source)
        if quiet:
            self._add_console_logger()
        self._replacements = [Replacement(key, value) for key, value in (replace or {}).items()]
        self._check_replacements()
        self._capturing = False
        self._http: Optional[StubTreq] = None

    @classmethod
    def from_yaml(
        cls, text: str, parameters: Optional[Mapping[str, Any]] = None, *, source: str = "<test config>",
        **kwargs: Any,
    ) -> ContainerHarness:
        """
        A harness for a config given as YAML text (indented as it sits in the
        test is fine), rendered as a template with C{parameters} first.
        Keyword arguments are those of the constructor.
        """
        config = render_config_text(textwrap.dedent(text), source, "yaml", _parameters(parameters))
        return cls(config, source=source, **kwargs)

    @classmethod
    def from_file(
        cls, path: str, parameters: Optional[Mapping[str, Any]] = None, **kwargs: Any
    ) -> ContainerHarness:
        """A harness for a YAML or JSON config file, rendered with C{parameters} only."""
        return cls(read_config_file(path, _parameters(parameters)), source=path, **kwargs)

    # -- building -------------------------------------------------------------

    def _check_replacements(self) -> None:
        for replacement in self._replacements:
            if not any(replacement.matches(entry) for entry in self.container.entries):
                listing = "; ".join(str(entry.descriptor or entry.type) for entry in self.container.entries)
                raise ConfigException(
                    None, "REPLACE_MATCHES_NOTHING",
                    f"replace key '{replacement.key}' matches no entry of {self.container.source} ({listing})",
                )

    def _add_console_logger(self) -> None:
        """
        The console logger the container adds when the config names no logger,
        added here instead, as the last entry, so that it prints into L{console}.
        """
        entries = self.container.entries
        if any(entry.descriptor is not None and _LOGGER.match(entry.descriptor) for entry in entries):
            return
        source = self.container.source
        entries.append(ComponentConfig(len(entries), _DEFAULT_CONSOLE_LOGGER, None, ConfigParams(), source))

    def _create_component(self, entry: ComponentConfig, create: Callable[[ComponentConfig], Any]) -> Any:
        replacement = next((r for r in self._replacements if r.matches(entry)), None)
        if replacement is not None:
            component = replacement.make()
        else:
            component = create(entry)
            if self.quiet and type(component) is ConsoleLogger:
                component = ConsoleLogger(stdout=self.console, stderr=self.console)
        return component

    def build(self) -> ContainerHarness:
        """Creates, configures and links the components without opening them (L{open} does it too)."""
        self._start_capture()
        self.container.build()
        return self

    # -- lifecycle ------------------------------------------------------------

    def open(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """
        Builds and opens the container. The Deferred has already fired when it
        returns if every component opens without waiting on I/O or on time
        passing (in-memory components do), so C{self.successResultOf(harness.open())}
        works: calls scheduled with no delay run as a reactor's next turn would.
        """
        self._start_capture()
        return self._settle(self.container.open(correlation_id))

    def close(self, correlation_id: Optional[str] = None) -> Deferred[None]:
        """Closes the container in reverse order; log capture stops when it has."""
        d = self._settle(self.container.close(correlation_id))

        def stop(result: Any) -> Any:
            self._stop_capture()
            return result

        return d.addBoth(stop)

    def start(self, test_case: Any, correlation_id: Optional[str] = None) -> ContainerHarness:
        """
        Opens the container now and closes it when C{test_case} cleans up;
        raises if either does not finish synchronously or fails. Returns the
        harness, so C{self.harness = ContainerHarness.from_yaml(...).start(self)}.
        """
        test_case.addCleanup(lambda: _result_now(self.close(correlation_id), "close"))
        _result_now(self.open(correlation_id), "open")
        return self

    def _settle(self, d: Deferred[Any]) -> Deferred[Any]:
        """
        Runs the calls due now (C{callLater(0, ...)}, what a real reactor runs on
        its next turn) until C{d} fires or nothing is due; time never moves.
        """
        fired: list[bool] = []

        def note(result: Any) -> Any:
            fired.append(True)
            return result

        d.addBoth(note)
        for _ in range(_MAX_TURNS):
            if fired:
                break
            now = self.reactor.seconds()
            if not any(call.getTime() <= now for call in self.reactor.getDelayedCalls()):
                break
            self.reactor.advance(0)
        return d

    def advance(self, seconds: float) -> None:
        """Moves the clock on and delivers responses that were waiting for it."""
        self.reactor.advance(seconds)
        if self._http is not None:
            self._http.flush()

    def _start_capture(self) -> None:
        if not self._capturing:
            globalLogPublisher.addObserver(self.logs)
            self._capturing = True

    def _stop_capture(self) -> None:
        if self._capturing:
            globalLogPublisher.removeObserver(self.logs)
            self._capturing = False

    # -- components -----------------------------------------------------------

    @property
    def references(self) -> Any:
        return self.container.references

    def get(self, locator: Locator) -> Any:
        """The component at C{locator} (C{"g:t:k:n:v"} with wildcards, or a Descriptor); raises when none."""
        return self.container.references.get_one_required(as_locator(locator))

    def get_optional(self, locator: Locator) -> Any:
        """The component at C{locator}, or None."""
        return self.container.references.get_one_optional(as_locator(locator))

    @property
    def endpoint(self) -> HttpEndpoint:
        """
        The C{pip-services:endpoint:http} of the config, else the endpoint of
        its first REST service (one that opens its own port).
        """
        self.build()
        endpoint = self.container.references.get_one_optional(ENDPOINT_DESCRIPTOR)
        if isinstance(endpoint, HttpEndpoint):
            return endpoint
        for component in self.container.components:
            if isinstance(component, RestService) and component.endpoint is not None:
                return component.endpoint
        raise InvalidStateException(None, "NO_HTTP_ENDPOINT", "the config has no HTTP endpoint and no REST service")

    # -- HTTP -----------------------------------------------------------------

    @property
    def http(self) -> StubTreq:
        """A C{StubTreq} over the dispatcher of L{endpoint}: every REST service registered there, no socket."""
        if self._http is None:
            self._http = StubTreq(self.endpoint.dispatcher)
        return self._http

    def call_command(
        self, base_route: str, name: str, params: Optional[dict[str, Any]] = None,
        correlation_id: Optional[str] = None,
    ) -> Deferred[JsonResponse]:
        """C{POST /<base_route>/<name>} with the command's arguments: C{(status, json)}."""
        return call_command(self.http, base_route, name, params, correlation_id)

    def get_json(self, path: str, correlation_id: Optional[str] = None) -> Deferred[JsonResponse]:
        """C{GET path}: C{(status, json)}."""
        return get_json(self.http, path, correlation_id)

    def post_json(self, path: str, body: Any, correlation_id: Optional[str] = None) -> Deferred[JsonResponse]:
        """C{POST path} with a JSON body: C{(status, json)}."""
        return post_json(self.http, path, body, correlation_id)

    # -- counters -------------------------------------------------------------

    def counter_value(self, name: str, default: CounterReading = None) -> CounterReading:
        """See L{counter_value}: what the container's cached counters recorded as C{name}."""
        return counter_value(self, name, default)
