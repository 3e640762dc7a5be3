"""Pins the public names of the foundation's subpackages."""

from __future__ import annotations

import importlib

from twisted.trial.unittest import SynchronousTestCase

# Exact lists: a change here is a change of the public API.
EXACT = {
    "pipservices_tx": ["__version__"],
    "pipservices_tx.errors": [
        "ApplicationException", "BadRequestException", "ConfigException", "ConflictException",
        "ConnectionException", "CreateException", "ErrorCategory", "ErrorDescription", "FileException",
        "ForbiddenException",
        "InternalException", "InvalidStateException", "InvocationException", "NotFoundException",
        "ReferenceException", "STATUS_BY_CATEGORY", "UnauthorizedException", "UnknownException",
        "UnsupportedException", "annotate_error", "error_from_description", "register_error_class",
    ],
    "pipservices_tx.config": [
        "CheckedGetters", "ConfigParams", "FileConfigReader", "MASK", "is_secret_key", "mask_credentials",
        "IConfigReader", "IConfigurable", "IReconfigurable", "JsonConfigReader", "MemoryConfigReader",
        "YamlConfigReader", "bad_config_value", "check_config_values", "container_parameters",
        "parameters_from_pairs", "parse_config_text", "read_config_file", "render_config_text", "render_template",
    ],
    "pipservices_tx.refer": [
        "DependencyResolver", "Descriptor", "IReferenceable", "IReferences", "IUnreferenceable", "References",
        "locator_matches",
    ],
    "pipservices_tx.build": [
        "CompositeFactory", "Factory", "IFactory", "import_type",
    ],
    "pipservices_tx.info": ["CONTAINER_INFO_LOCATOR", "CONTEXT_INFO_DESCRIPTOR", "ContextInfo", "DefaultInfoFactory"],
    "pipservices_tx.lifecycle": [
        "BackoffPolicy", "ICleanable", "IClosable", "IDrainable", "IExecutable", "INotifiable", "IOpenable",
        "IParameterized", "backoff",
        "IReactorAware", "LISTEN_FDS_VARIABLE", "ReactorAware", "call_maybe_async", "clear_all", "close_all",
        "execute_all", "global_reactor", "inherited_fd", "notify_all", "open_all",
    ],
    "pipservices_tx.container": [
        "CONTAINER_DESCRIPTOR", "ComponentConfig", "Container", "ContainerService", "DefaultContainerFactory", "Options", "PipsvcServiceMaker",
        "make_service", "parse_container_config",
    ],
}

# Packages other issues extend: only the foundation's names are pinned.
AT_LEAST = {
    "pipservices_tx.logs": [
        "CompositeLogger", "ConsoleLogger", "ILogger", "LOGGER_LOCATOR", "LogEntry", "LogLevel", "Logger",
        "NullLogger", "PipsLogObserver", "format_message", "format_time", "publish_entry",
        "route_console_to_twisted",
    ],
    "pipservices_tx.portability": [
        "BooleanConverter", "FloatConverter", "IntegerConverter", "LongConverter", "StringConverter",
    ],
}


class ExportsTests(SynchronousTestCase):
    def test_exact(self) -> None:
        for name, expected in EXACT.items():
            module = importlib.import_module(name)
            self.assertEqual(sorted(module.__all__), sorted(expected), name)

    def test_at_least(self) -> None:
        for name, expected in AT_LEAST.items():
            module = importlib.import_module(name)
            missing = set(expected) - set(module.__all__)
            self.assertEqual(missing, set(), name)

    def test_every_name_exists_once(self) -> None:
        for name in [*EXACT, *AT_LEAST]:
            module = importlib.import_module(name)
            self.assertEqual(len(module.__all__), len(set(module.__all__)), name)
            for public in module.__all__:
                self.assertTrue(hasattr(module, public), f"{name}.{public}")

    def test_star_import(self) -> None:
        for name in [*EXACT, *AT_LEAST]:
            namespace: dict[str, object] = {}
            exec(f"from {name} import *", namespace)  # noqa: S102 - the point of the test
            self.assertEqual(set(namespace) - {"__builtins__"}, set(importlib.import_module(name).__all__), name)
