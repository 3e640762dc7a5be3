"""A container config kept in the settings service of examples/infrastructure, read by key."""

from __future__ import annotations

import json
from typing import Any

from treq.client import HTTPClient
from twisted.internet import reactor
from twisted.internet.defer import inlineCallbacks
from twisted.trial.unittest import TestCase
from twisted.web.client import Agent, HTTPConnectionPool

from pipservices_tx.boot import SettingsConfigReader, reader_for_location
from pipservices_tx.config import ConfigParams
from pipservices_tx.container import Container
from pipservices_tx.errors import ConfigException, ConnectionException
from pipservices_tx.infrastructure import SettingsHttpClientV1

from ..container.test_twistd_process import GOOD_CONFIG, _TwistdTestCase
from ..infrastructure._fleet import BEACONS_CONFIG, INFRASTRUCTURE_CONFIG, base_url, port_of, start

PARAMETERS = ConfigParams({"HTTP_PORT": "0", "HTTP_HOST": "127.0.0.1", "LOG_LEVEL": "fatal"})


class SettingsConfigReaderTests(TestCase):
    timeout = 20

    async def infrastructure(self) -> tuple[str, SettingsHttpClientV1]:
        container = await start(INFRASTRUCTURE_CONFIG)
        self.addCleanup(container.close, None)
        settings = SettingsHttpClientV1()
        settings.configure(ConfigParams({"connection.uri": base_url(container)}))
        await settings.open(None)
        self.addCleanup(settings.close, None)
        return f"settings://127.0.0.1:{port_of(container)}", settings

    async def test_a_config_kept_in_the_settings_service_starts_a_container(self) -> None:
        location, settings = await self.infrastructure()
        with open(BEACONS_CONFIG, encoding="utf-8") as f:
            await settings.set_section(None, "beacons.yml", {"config": f.read()})
        config = await reader_for_location(location + "/beacons.yml").read_config(None, PARAMETERS)
        container = Container()
        container.configure(config, location + "/beacons.yml")
        await container.open(None)
        self.addCleanup(container.close, None)
        self.assertEqual(container.info.name, "beacons")
        http = HTTPClient(Agent(reactor, pool=HTTPConnectionPool(reactor, persistent=False)))
        response = await http.post(f"{base_url(container)}/v1/beacons/get_beacons", data=b"{}")
        self.assertEqual((response.code, json.loads(await response.content())), (200, {"data": [], "total": None}))

    async def test_flat_sections_keys_and_formats(self) -> None:
        location, settings = await self.infrastructure()
        entries = [{"descriptor": "pip-services:context-info:default:default:1.0", "name": "flat"},
                   {"descriptor": "pip-services:logger:null:default:1.0"}]
        await settings.set_section(None, "flat", {str(i): entry for i, entry in enumerate(entries)})
        await settings.set_section(None, "as-json", {"text": json.dumps([{**entries[0], "name": "{{NAME}}"}])})
        flat = await reader_for_location(location + "/flat").read_config(None, None)
        self.assertEqual(flat.get_as_object(), entries)
        reader = reader_for_location(location + "/as-json?key=text&format=json&timeout=2000")
        rendered = await reader.read_config(None, ConfigParams({"NAME": "from-json"}))
        self.assertEqual(rendered.get("0.name"), "from-json")
        reader = SettingsConfigReader()
        reader.configure(ConfigParams({"connection.uri": location.replace("settings", "http"), "section": "as-json",
                                       "key": "text", "format": "json", "parameters.NAME": "configured"}))
        self.assertEqual((await reader.read_config(None, None)).get("0.name"), "configured")

    async def test_missing_section_and_missing_service_name_what_failed(self) -> None:
        location, _ = await self.infrastructure()
        with self.assertRaises(ConfigException) as caught:
            await reader_for_location(location + "/nope").read_config(None, None)
        self.assertEqual(caught.exception.code, "KEY_NOT_FOUND")
        self.assertIn("settings section 'nope' at http://127.0.0.1:", caught.exception.message)
        with self.assertRaises(ConnectionException) as refused:
            await reader_for_location("settings://127.0.0.1:9/nope?timeout=1000").read_config(None, None)
        self.assertIn("settings section 'nope'", refused.exception.message)
        with self.assertRaises(ConfigException):
            await SettingsConfigReader().read_config(None, None)


class SettingsLocationTwistdTests(_TwistdTestCase):
    """C{twistd pipsvc -c settings://host:port/section}: the real command line."""

    @inlineCallbacks
    def test_check_from_the_settings_service(self) -> Any:
        container = yield start(INFRASTRUCTURE_CONFIG)
        self.addCleanup(container.close, None)
        settings = SettingsHttpClientV1()
        settings.configure(ConfigParams({"connection.uri": base_url(container)}))
        yield settings.open(None)
        self.addCleanup(settings.close, None)
        yield settings.set_section(None, "twin", {"config": GOOD_CONFIG})
        location = f"settings://127.0.0.1:{port_of(container)}/twin"
        twistd = self.spawn("-c", location, "--check")
        self.assertEqual((yield self.ended(twistd)), 0, twistd.text)
        self.assertIn(f"pipsvc: {location}: 3 components built".encode(), twistd.out)
