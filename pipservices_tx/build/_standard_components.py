# -*- test-case-name: tests.build.test_standard_components -*-
"""The standard pip-services descriptors and the classes behind them, imported on first use."""

from __future__ import annotations

from ..refer import Descriptor
from ._factory import Factory

# One row per standard component: its descriptor (name and version match any)
# and the class that implements it. The container, each area's Default...Factory
# and the configuration reference in the docs all read this table.
STANDARD_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("pip-services:context-info:default:*:1.0", "pipservices_tx.info._context_info.ContextInfo"),
    ("pip-services:container-info:default:*:1.0", "pipservices_tx.info._context_info.ContextInfo"),
    ("pip-services:logger:null:*:1.0", "pipservices_tx.logs._logger.NullLogger"),
    ("pip-services:logger:console:*:1.0", "pipservices_tx.logs._console.ConsoleLogger"),
    ("pip-services:logger:composite:*:1.0", "pipservices_tx.logs._composite.CompositeLogger"),
    ("pip-services:logger:tcp:*:1.0", "pipservices_tx.logs._tcp_shipping.TcpJsonLogger"),
    ("pip-services:logger:logstash:*:1.0", "pipservices_tx.logs._tcp_shipping.TcpJsonLogger"),
    ("pip-services:logger:fluentd:*:1.0", "pipservices_tx.logs._tcp_shipping.TcpJsonLogger"),
    ("pip-services:tracer:null:*:1.0", "pipservices_tx.trace._tracers.NullTracer"),
    ("pip-services:tracer:log:*:1.0", "pipservices_tx.trace._tracers.LogTracer"),
    ("pip-services:tracer:composite:*:1.0", "pipservices_tx.trace._tracers.CompositeTracer"),
    ("pip-services:logger:http:*:1.0", "pipservices_tx.infrastructure._http_logger.HttpLogger"),
    ("pip-services-logging:logger:http:*:1.0", "pipservices_tx.infrastructure._http_logger.HttpLogger"),
    ("pip-services:counters:null:*:1.0", "pipservices_tx.counters._null_counters.NullCounters"),
    ("pip-services:counters:log:*:1.0", "pipservices_tx.counters._log_counters.LogCounters"),
    ("pip-services:counters:composite:*:1.0", "pipservices_tx.counters._composite_counters.CompositeCounters"),
    ("pip-services:counters:prometheus:*:1.0", "pipservices_tx.counters._prometheus_counters.PrometheusCounters"),
    ("pip-services:counters:http:*:1.0", "pipservices_tx.infrastructure._http_counters.HttpCounters"),
    ("pip-services:cache:null:*:1.0", "pipservices_tx.cache._null_cache.NullCache"),
    ("pip-services:cache:memory:*:1.0", "pipservices_tx.cache._memory_cache.MemoryCache"),
    ("pip-services:cache:redis:*:1.0", "pipservices_tx.cache._redis_cache.RedisCache"),
    ("pip-services:cache:memcached:*:1.0", "pipservices_tx.cache._memcached_cache.MemcachedCache"),
    ("pip-services:lock:memory:*:1.0", "pipservices_tx.cache._memory_lock.MemoryLock"),
    ("pip-services:lock:redis:*:1.0", "pipservices_tx.cache._redis_lock.RedisLock"),
    ("pip-services:lock:null:*:1.0", "pipservices_tx.cache._null_lock.NullLock"),
    ("pip-services:lock:memcached:*:1.0", "pipservices_tx.cache._memcached_lock.MemcachedLock"),
    ("pip-services:state-store:null:*:1.0", "pipservices_tx.cache._state_stores.NullStateStore"),
    ("pip-services:state-store:memory:*:1.0", "pipservices_tx.cache._state_stores.MemoryStateStore"),
    ("pip-services:state-store:redis:*:1.0", "pipservices_tx.cache._redis_state_store.RedisStateStore"),
    ("pip-services:discovery:null:*:1.0", "pipservices_tx.discovery._null_discovery.NullDiscovery"),
    ("pip-services:discovery:memory:*:1.0", "pipservices_tx.discovery._memory_discovery.MemoryDiscovery"),
    ("pip-services:discovery:file:*:1.0", "pipservices_tx.discovery._file_discovery.FileDiscovery"),
    ("pip-services:discovery:etcd:*:1.0", "pipservices_tx.discovery._etcd_discovery.EtcdDiscovery"),
    ("pip-services:discovery:http:*:1.0", "pipservices_tx.infrastructure._http_discovery.HttpDiscovery"),
    ("pip-services:credential-store:memory:*:1.0",
     "pipservices_tx.discovery._memory_credential_store.MemoryCredentialStore"),
    ("pip-services:config-reader:memory:*:1.0", "pipservices_tx.config._readers.MemoryConfigReader"),
    ("pip-services:config-reader:yaml:*:1.0", "pipservices_tx.config._readers.YamlConfigReader"),
    ("pip-services:config-reader:json:*:1.0", "pipservices_tx.config._readers.JsonConfigReader"),
    ("pip-services:config-reader:http:*:1.0", "pipservices_tx.boot._http_reader.HttpConfigReader"),
    ("pip-services:config-reader:etcd:*:1.0", "pipservices_tx.boot._etcd_reader.EtcdConfigReader"),
    ("pip-services:config-reader:settings:*:1.0", "pipservices_tx.boot._settings_reader.SettingsConfigReader"),
    ("pip-services:endpoint:http:*:1.0", "pipservices_tx.services._endpoint.HttpEndpoint"),
    ("pip-services:status-service:http:*:1.0", "pipservices_tx.services._status_services.StatusRestService"),
    ("pip-services:heartbeat-service:http:*:1.0", "pipservices_tx.services._status_services.HeartbeatRestService"),
    ("pip-services:health-service:http:*:1.0", "pipservices_tx.services._status_services.HealthRestService"),
    ("pip-services:swagger-service:*:*:1.0", "pipservices_tx.services._swagger_service.SwaggerService"),
    ("pip-services:metrics-service:prometheus:*:1.0",
     "pipservices_tx.services._prometheus_metrics_service.PrometheusMetricsService"),
    # Decorators go between a consumer and what it wraps: either under the
    # consumer's own descriptor with the kind "<decorator>-decorator", or as
    # pip-services:decorator:<decorator> named by the consumer's dependencies.
    ("*:*:logging-decorator:*:*", "pipservices_tx.logic._logging_decorator.LoggingDecorator"),
    ("*:*:caching-decorator:*:*", "pipservices_tx.logic._caching_decorator.CachingDecorator"),
    ("*:*:retry-decorator:*:*", "pipservices_tx.logic._retry_decorator.RetryDecorator"),
    ("*:*:timeout-decorator:*:*", "pipservices_tx.logic._timeout_decorator.TimeoutDecorator"),
    ("pip-services:decorator:logging:*:1.0", "pipservices_tx.logic._logging_decorator.LoggingDecorator"),
    ("pip-services:decorator:caching:*:1.0", "pipservices_tx.logic._caching_decorator.CachingDecorator"),
    ("pip-services:decorator:retry:*:1.0", "pipservices_tx.logic._retry_decorator.RetryDecorator"),
    ("pip-services:decorator:timeout:*:1.0", "pipservices_tx.logic._timeout_decorator.TimeoutDecorator"),
    ("pip-services:shutdown:random:*:1.0", "pipservices_tx.addons._random_shutdown.RandomShutdown"),
    ("pip-services:shutdown:default:*:1.0", "pipservices_tx.addons._random_shutdown.RandomShutdown"),
    ("pip-services:node-registry:discovery:*:1.0", "pipservices_tx.addons._node_registry.NodeRegistry"),
    ("pip-services:authorizer:basic:*:1.0", "pipservices_tx.services._auth_basic.BasicAuthorizer"),
    ("pip-services:authorizer:jwt:*:1.0", "pipservices_tx.services._auth_jwt.JwtAuthorizer"),
)


class StandardFactory(Factory):
    """
    Creates the standard components whose class lives under one of
    C{packages} (all of them when none is given). A class is imported when its
    first component is created, so a service pays only for the areas its
    config names.
    """

    def __init__(self, *packages: str) -> None:
        super().__init__()
        for descriptor, class_path in STANDARD_COMPONENTS:
            if not packages or any(class_path.startswith(package + ".") for package in packages):
                self.register_lazy(Descriptor.parse(descriptor), class_path)
