"""
The tuned raw twisted.web baseline as a twistd service, for the start-up
benchmark: what any twistd plugin pays before its own work (twistd's imports,
plugin discovery, logging set-up), measured with the same resource.

    twistd -n raw-web --port PORT   (with benchmarks/baselines/twistd_floor on sys.path)
"""

from __future__ import annotations

from typing import Any

from twisted.application.internet import TCPServer
from twisted.application.service import IService
from twisted.python import usage


class Options(usage.Options):
    optParameters = [["port", "p", "8080", "The TCP port (127.0.0.1)."], ["items", None, "1000", "Stored beacons."]]


def makeService(options: Any) -> IService:
    from .fixtures import make_beacons
    from .raw_web import BeaconsResource, _QuietSite

    site = _QuietSite(BeaconsResource(make_beacons(int(options["items"]))), parsePOSTFormSubmission=False)
    return TCPServer(int(options["port"]), site, interface="127.0.0.1")
