# -*- test-case-name: tests.clients.test_rest_client_config -*-
"""The timeouts, retries and balancing of a client's calls, as its C{options.*} configure them."""

from __future__ import annotations

import math

from attrs import frozen

from ..config import ConfigParams
from ..lifecycle import backoff
from ._balancer import make_balancer
from ._circuit_breaker import BreakerPolicy


@frozen
class CallPolicy:
    """Timeouts (ms, 0 for none), retries and the deadline of the calls of one client."""

    connect_timeout: int = 10000
    timeout: int = 10000
    retries: int = 3
    retry_delay: int = 100
    max_retry_delay: int = 5000
    retry_jitter: float = 0.1
    deadline: int = 0

    def delay_before(self, retry: int) -> float:
        """Seconds to wait before a new round number C{retry} (0 first): L{backoff}, jitter included."""
        return backoff(self.retry_delay / 1000.0, self.max_retry_delay / 1000.0, jitter=self.retry_jitter)(retry)


@frozen
class BalancingPolicy:
    """How a client spreads its calls over the instances it knows and keeps that set fresh."""

    balancing: str = "round_robin"
    refresh_interval: int = 10000
    resolve_addresses: bool = False
    breaker: BreakerPolicy = BreakerPolicy()


def _jitter(options: ConfigParams, default: float) -> float:
    value = options.get_as_float_with_default("retry_jitter", default)
    return min(1.0, max(0.0, value)) if math.isfinite(value) else default


def policies_from_options(
    options: ConfigParams, call: CallPolicy, balancing: BalancingPolicy
) -> tuple[CallPolicy, BalancingPolicy]:
    """The policies of an C{options} section; keys it lacks keep the values of C{call} and C{balancing}."""

    def option(name: str, default: int) -> int:
        return max(0, options.get_as_integer_with_default(name, default))

    jitter = _jitter(options, call.retry_jitter)
    new_call = CallPolicy(
        connect_timeout=option("connect_timeout", call.connect_timeout),
        timeout=option("timeout", call.timeout),
        retries=option("retries", call.retries),
        retry_delay=option("retry_delay", call.retry_delay),
        max_retry_delay=option("max_retry_delay", call.max_retry_delay),
        retry_jitter=jitter,
        deadline=option("deadline", call.deadline),
    )
    name = options.get_as_string_with_default("balancing", balancing.balancing)
    make_balancer(name)  # a bad name fails at configure time
    old = balancing.breaker
    open_time = option("open_time", old.open_time)
    new_balancing = BalancingPolicy(
        balancing=name,
        refresh_interval=option("refresh_interval", balancing.refresh_interval),
        resolve_addresses=options.get_as_boolean_with_default("resolve_addresses", balancing.resolve_addresses),
        breaker=BreakerPolicy(
            failure_threshold=option("failure_threshold", old.failure_threshold),
            open_time=open_time,
            max_open_time=max(open_time, option("max_open_time", old.max_open_time)),
            jitter=jitter,
        ),
    )
    return new_call, new_balancing
