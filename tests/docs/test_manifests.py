# -*- test-case-name: tests.docs.test_manifests -*-
"""
The deployment examples: the Kubernetes manifests pass the Kubernetes
schemas (kubernetes-validate, which ships them, so no network is needed)
and agree with the code: probe routes, ports, the config, the timeouts.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
from typing import Any

import yaml
from twisted.trial.unittest import SkipTest, SynchronousTestCase

from pipservices_tx.config import ConfigParams, render_config_text
from pipservices_tx.container import Container, parse_container_config
from pipservices_tx.refer import Descriptor
from pipservices_tx.services import HttpEndpoint
from pipservices_tx.testing import ContainerHarness

from ._paths import DEPLOY, KUBERNETES

KUBERNETES_VERSION = "1.30.0"

# Every way the ConfigMap's template can be rendered that the manifests use.
PARAMETER_SETS: tuple[dict[str, str], ...] = (
    {},
    {"HTTP_PORT": "8080", "POSTGRES_ENABLED": "true", "POSTGRES_SERVICE_HOST": "postgres",
     "POSTGRES_SERVICE_PORT": "5432", "POSTGRES_DB": "beacons", "POSTGRES_USER": "u", "POSTGRES_PASSWORD": "p"},
    {"HTTP_PORT": "8080", "ETCD_URI": "http://etcd:2379", "POD_IP": "10.1.2.3", "VERSION": "0.1.0"},
)


def manifest_files() -> list[str]:
    return sorted(glob.glob(os.path.join(KUBERNETES, "**", "*.yaml"), recursive=True))


def load_all() -> list[tuple[str, dict[str, Any]]]:
    documents = []
    for path in manifest_files():
        with open(path, encoding="utf-8") as f:
            for document in yaml.safe_load_all(f):
                if document is not None:
                    documents.append((path, document))
    return documents


def of_kind(kind: str) -> list[tuple[str, dict[str, Any]]]:
    return [(path, doc) for path, doc in load_all() if doc.get("kind") == kind]


def config_text() -> str:
    ((_, configmap),) = of_kind("ConfigMap")
    return configmap["data"]["config.yml"]


def render(parameters: dict[str, str]) -> ConfigParams:
    return render_config_text(config_text(), "configmap.yaml", "yaml", parameters)


def env_of(container: dict[str, Any]) -> dict[str, Any]:
    return {item["name"]: item.get("value", item.get("valueFrom")) for item in container.get("env", [])}


def shutdown_timeout(parameters: dict[str, str]) -> float:
    """options.shutdown_timeout of the ConfigMap's endpoint, as HttpEndpoint reads it."""
    for entry in parse_container_config(render(parameters), "configmap.yaml"):
        if entry.descriptor is not None and entry.descriptor.match(Descriptor("pip-services", "endpoint", "http", "*", "1.0")):
            endpoint = HttpEndpoint()
            endpoint.configure(entry.config)
            return endpoint.shutdown_timeout
    raise AssertionError("the ConfigMap's config has no HTTP endpoint")


def registry_grace(parameters: dict[str, str]) -> float:
    """Seconds the ConfigMap's NodeRegistry serves after leaving discovery (0 without one)."""
    from pipservices_tx.addons import NodeRegistry

    for entry in parse_container_config(render(parameters), "configmap.yaml"):
        if entry.descriptor is not None and entry.descriptor.match(
                Descriptor("pip-services", "node-registry", "discovery", "*", "1.0")):
            registry = NodeRegistry()
            registry.configure(entry.config)
            return registry.grace_ms / 1000.0
    return 0.0


class SchemaTests(SynchronousTestCase):
    def test_manifests_pass_the_kubernetes_schemas(self) -> None:
        if importlib.util.find_spec("kubernetes_validate") is None:
            message = "kubernetes-validate is not installed (python -m pip install '.[dev]')"
            if os.environ.get("CI"):
                raise AssertionError(f"{message}, and CI checks the manifests")
            raise SkipTest(message)
        import kubernetes_validate

        self.assertGreaterEqual(len(manifest_files()), 4)
        for path, document in load_all():
            try:
                kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
            except kubernetes_validate.ValidationError as e:
                self.fail(f"{path}: {e}")

    def test_the_schema_check_catches_a_mistake(self) -> None:
        if importlib.util.find_spec("kubernetes_validate") is None:
            raise SkipTest("kubernetes-validate is not installed")
        import kubernetes_validate

        ((_, deployment), *_) = of_kind("Deployment")
        deployment["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "eighty"
        self.assertRaises(kubernetes_validate.ValidationError,
                          kubernetes_validate.validate, deployment, KUBERNETES_VERSION, True)


class StructureTests(SynchronousTestCase):
    def test_every_manifest_has_api_version_kind_and_name(self) -> None:
        documents = load_all()
        self.assertEqual(sorted({doc["kind"] for _, doc in documents}), ["ConfigMap", "Deployment", "Service"])
        for path, document in documents:
            self.assertTrue(document.get("apiVersion"), path)
            self.assertTrue(document.get("metadata", {}).get("name"), path)

    def test_deployment_selectors_match_their_pod_labels_and_the_services(self) -> None:
        services = of_kind("Service")
        self.assertEqual(len(services), 2, "a Service and a headless one")
        for path, deployment in of_kind("Deployment"):
            labels = deployment["spec"]["template"]["metadata"]["labels"]
            for key, value in deployment["spec"]["selector"]["matchLabels"].items():
                self.assertEqual(labels.get(key), value, path)
            for service_path, service in services:
                for key, value in service["spec"]["selector"].items():
                    self.assertEqual(labels.get(key), value, f"{path}: {service_path} would select no pod")

    def test_service_target_ports_are_container_ports(self) -> None:
        for path, deployment in of_kind("Deployment"):
            (container,) = deployment["spec"]["template"]["spec"]["containers"]
            ports = {p.get("name"): p["containerPort"] for p in container["ports"]}
            for _, service in of_kind("Service"):
                for service_port in service["spec"]["ports"]:
                    target = service_port["targetPort"]
                    self.assertIn(target, set(ports) | set(ports.values()), path)

    def test_the_headless_service_lists_ready_pods_one_by_one(self) -> None:
        (headless,) = [doc for _, doc in of_kind("Service") if doc["spec"].get("clusterIP") == "None"]
        self.assertFalse(headless["spec"].get("publishNotReadyAddresses", False),
                         "a pod that is stopping must leave the DNS answer")
        (port,) = headless["spec"]["ports"]
        self.assertEqual(port["port"], 8080, "clients call the pods' own port")

    def test_probes_hit_the_health_routes_on_the_container_port(self) -> None:
        for path, deployment in of_kind("Deployment"):
            (container,) = deployment["spec"]["template"]["spec"]["containers"]
            ports = {p.get("name"): p["containerPort"] for p in container["ports"]}
            env = env_of(container)
            # The service as this pod runs it (in memory, no etcd), on a fake reactor.
            parameters = {"HTTP_PORT": env["HTTP_PORT"]}
            harness = ContainerHarness.from_yaml(config_text(), parameters, quiet=True).start(self)
            listening = [port for port, _, _, _ in harness.reactor.tcpServers]
            probes = {name: container[name]["httpGet"] for name in ("livenessProbe", "readinessProbe")}
            self.assertEqual(probes["livenessProbe"]["path"], "/health/live", path)
            self.assertEqual(probes["readinessProbe"]["path"], "/health/ready", path)
            for name, probe in probes.items():
                port = ports.get(probe["port"], probe["port"])
                self.assertIn(port, ports.values(), f"{path}: {name} is not on a container port")
                self.assertEqual(listening, [port], f"{path}: the service does not listen where {name} looks")
                status, body = self.successResultOf(harness.get_json(probe["path"]))
                self.assertEqual(status, 200, f"{path}: {name} {probe['path']} answered {status} {body}")
            self.successResultOf(harness.close())

    def test_the_configmap_config_renders_and_builds(self) -> None:
        for parameters in PARAMETER_SETS:
            config = render(parameters)
            entries = parse_container_config(config, "configmap.yaml")
            descriptors = [str(entry.descriptor) for entry in entries]
            self.assertIn("pip-services:health-service:http:default:1.0", descriptors)
            # Built as twistd pipsvc --check would: every entry created, configured, referenced.
            container = Container()
            container.configure(config, "configmap.yaml")
            container.build()
            self.assertEqual(len(container.components), len(entries))
        with_etcd = [str(e.descriptor) for e in parse_container_config(render(PARAMETER_SETS[2]), "c")]
        # NodeRegistry after the discovery and the endpoint, so it closes first.
        self.assertGreater(with_etcd.index("pip-services:node-registry:discovery:default:1.0"),
                           with_etcd.index("pip-services:discovery:etcd:default:1.0"))
        self.assertGreater(with_etcd.index("pip-services:node-registry:discovery:default:1.0"),
                           with_etcd.index("pip-services:endpoint:http:default:1.0"))

    def test_deployments_run_the_mounted_config_and_set_its_parameters(self) -> None:
        ((_, configmap),) = of_kind("ConfigMap")
        for path, deployment in of_kind("Deployment"):
            spec = deployment["spec"]["template"]["spec"]
            (container,) = spec["containers"]
            command = container.get("command", []) + container.get("args", [])
            self.assertEqual(command[:5], ["twistd", "-n", "--pidfile=", "pipsvc", "-c"], path)
            mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
            volumes = {v["name"]: v.get("configMap", {}).get("name") for v in spec["volumes"]}
            (volume,) = [name for name, source in volumes.items() if source == configmap["metadata"]["name"]]
            self.assertEqual(command[5], mounts[volume] + "/config.yml", path)
            variables = set(re.findall(r"\{\{\{?\s*[#^/]?(?:if |unless )?\s*([A-Z_]+)", config_text()))
            env = env_of(container)
            for name in ("HTTP_PORT", "POSTGRES_ENABLED", "POSTGRES_PASSWORD"):
                self.assertIn(name, env, path)
                self.assertIn(name, variables, f"{name} is set but the config does not use it")
            self.assertIn("resources", container, path)

    def test_grace_period_is_longer_than_the_pause_the_grace_and_the_drain(self) -> None:
        graces = []
        for path, deployment in of_kind("Deployment"):
            spec = deployment["spec"]["template"]["spec"]
            (container,) = spec["containers"]
            env = env_of(container)
            parameters = {k: v for k, v in env.items() if isinstance(v, str)}
            pre_stop = container.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
            pause = float(pre_stop[1]) if pre_stop[:1] == ["sleep"] else 0.0
            drain = shutdown_timeout(parameters)
            grace = registry_grace(parameters)
            graces.append(grace)
            self.assertGreater(drain, 10.0, "the example sets its own shutdown_timeout")
            self.assertGreater(spec["terminationGracePeriodSeconds"], pause + grace + drain, path)
        self.assertEqual(sorted(graces), [0.0, 5.0], "the etcd variant leaves discovery 5 s before it drains")


class DockerfileTests(SynchronousTestCase):
    def setUp(self) -> None:
        with open(os.path.join(DEPLOY, "Dockerfile"), encoding="utf-8") as f:
            text = f.read()
        # Instructions, with continuation lines joined and comments dropped.
        joined = re.sub(r"\\\n\s*", " ", text)
        self.instructions = [line.strip() for line in joined.splitlines()
                             if line.strip() and not line.strip().startswith("#")]

    def instruction(self, name: str) -> list[str]:
        return [line[len(name):].strip() for line in self.instructions if line.split()[0].upper() == name]

    def test_base_image_user_port_and_command(self) -> None:
        self.assertEqual(self.instruction("FROM"), ["python:3.11-slim"])
        self.assertTrue(any(re.search(r"pip install \"?\.(\[|\"|\s|$)", run) for run in self.instruction("RUN")))
        (user,) = self.instruction("USER")
        self.assertNotIn(user.split(":")[0], ("root", "0"))
        self.assertEqual(self.instruction("EXPOSE"), ["8080"])
        self.assertEqual(yaml.safe_load(self.instruction("CMD")[0]),
                         ["twistd", "-n", "--pidfile=", "pipsvc", "-c", "examples/beacons/config.yml"])

    def test_healthcheck_asks_the_liveness_route(self) -> None:
        (check,) = self.instruction("HEALTHCHECK")
        self.assertIn("/health/live", check)
        self.assertIn("CMD", check)
