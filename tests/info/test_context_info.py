"""Tests for ContextInfo."""

from __future__ import annotations

import datetime

from twisted.trial.unittest import SynchronousTestCase
from zope.interface.verify import verifyObject

from pipservices_tx.config import ConfigParams, IConfigurable, IReconfigurable
from pipservices_tx.info import CONTEXT_INFO_DESCRIPTOR, ContextInfo


class ContextInfoTests(SynchronousTestCase):
    def test_interfaces(self) -> None:
        info = ContextInfo()
        self.assertTrue(verifyObject(IReconfigurable, info))
        self.assertTrue(verifyObject(IConfigurable, info))

    def test_defaults(self) -> None:
        info = ContextInfo()
        self.assertEqual(info.name, "unknown")
        self.assertIsNone(info.description)
        self.assertEqual(info.properties, {})
        self.assertNotEqual(info.context_id, ContextInfo().context_id)
        self.assertEqual(info.start_time.tzinfo, datetime.timezone.utc)
        self.assertGreaterEqual(info.uptime, datetime.timedelta(0))

    def test_configure(self) -> None:
        info = ContextInfo.from_config(ConfigParams.from_tuples(
            "name", "beacons", "description", "Beacons microservice", "properties.region", "eu", "properties.x", 1,
        ))
        self.assertEqual(info.name, "beacons")
        self.assertEqual(info.description, "Beacons microservice")
        self.assertEqual(info.properties, {"region": "eu", "x": "1"})

    def test_configure_info_section(self) -> None:
        info = ContextInfo("initial", "initial description")
        info.configure(ConfigParams.from_tuples("info.name", "from-info"))
        self.assertEqual(info.name, "from-info")
        self.assertEqual(info.description, "initial description")

    def test_reconfigure_keeps_name_when_absent(self) -> None:
        info = ContextInfo("svc")
        info.configure(ConfigParams())
        self.assertEqual(info.name, "svc")

    def test_descriptor(self) -> None:
        self.assertEqual(str(CONTEXT_INFO_DESCRIPTOR), "pip-services:context-info:default:default:1.0")
