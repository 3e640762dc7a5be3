"""twistd pipsvc with a config read from a URL (C{-c http://...}) once the reactor runs."""

from __future__ import annotations

from typing import Any

from twisted.internet import reactor
from twisted.internet.defer import inlineCallbacks
from twisted.web.resource import Resource
from twisted.web.server import Site
from twisted.web.static import Data

from .test_twistd_process import GOOD_CONFIG, _TwistdTestCase


class RemoteConfigTests(_TwistdTestCase):
    def setUp(self) -> None:
        super().setUp()
        root = Resource()
        root.putChild(b"config.yml", Data((GOOD_CONFIG + "- name: {{NAME}}\n  type: First,pipsvc_test_components\n")
                                          .encode(), "application/yaml"))
        site = Site(root)
        site.noisy = False
        self.port = reactor.listenTCP(0, site, interface="127.0.0.1")  # type: ignore[attr-defined]
        self.addCleanup(self.port.stopListening)
        self.url = f"http://127.0.0.1:{self.port.getHost().port}"

    @inlineCallbacks
    def test_runs_from_url(self) -> Any:
        twistd = self.spawn("-c", self.url + "/config.yml", "-p", "NAME=x")
        yield twistd.wait_for("Container twin started")
        twistd.signal("TERM")
        self.assertEqual((yield twistd.exited()), 0, twistd.text)
        self.assertIn(b"closing first", twistd.out)

    @inlineCallbacks
    def test_check_and_show_config_from_url(self) -> Any:
        twistd = self.spawn("-c", self.url + "/config.yml", "--check")
        self.assertEqual((yield twistd.exited()), 0, twistd.text)
        self.assertIn(b"4 components built, configured and referenced", twistd.out)
        twistd = self.spawn("-c", self.url + "/config.yml", "--show-config", "-p", "NAME=shown")
        self.assertEqual((yield twistd.exited()), 0, twistd.text)
        self.assertIn(b"name: shown", twistd.out)

    @inlineCallbacks
    def test_missing_document_is_one_line_and_non_zero(self) -> Any:
        twistd = self.spawn("-c", self.url + "/nope.yml")
        code = yield twistd.exited()
        self.assertNotEqual(code, 0)
        self.assertEqual(len(twistd.error_lines), 1, twistd.text)
        self.assertIn("nope.yml", twistd.error_lines[0])
        self.assertIn("404", twistd.error_lines[0])
