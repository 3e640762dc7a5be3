# -*- test-case-name: tests.services.test_swagger_service -*-
"""SwaggerService: a Swagger UI page listing the OpenAPI documents of this process."""

from __future__ import annotations

import json
import mimetypes
import os
from typing import Any, Optional

from ..config import ConfigParams
from ..errors import NotFoundException
from ..refer import IReferences
from ._http_response import HttpResponse
from ._rest_service import RestService

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <link rel="stylesheet" href="{prefix}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{prefix}/swagger-ui-bundle.js"></script>
<script src="{prefix}/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({{
  urls: {urls},
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout"
}});
</script>
</body>
</html>
"""

_ASSETS = frozenset({
    "swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
    "favicon-32x32.png", "favicon-16x16.png",
})


def _assets_dir() -> str:
    import swagger_ui_bundle  # a package, so no CDN is needed

    return str(swagger_ui_bundle.swagger_ui_path)


class SwaggerService(RestService):
    """
    C{GET /swagger} (C{route}): the Swagger UI, with every commandable service
    that has C{swagger.enable: true} in its list. Assets come from the
    C{swagger-ui-bundle} package.
    """

    def __init__(self) -> None:
        super().__init__("")
        self.route = "swagger"
        self._references: Optional[IReferences] = None

    def configure(self, config: ConfigParams) -> None:
        super().configure(config)
        self.route = config.get_as_string_with_default("route", self.route).strip("/") or "swagger"

    def set_references(self, references: IReferences) -> None:
        super().set_references(references)
        self._references = references

    def register(self) -> None:
        self.register_route("GET", "/" + self.route, self._page, name="swagger")
        self.register_route("GET", f"/{self.route}/<asset>", self._asset, name="swagger_asset")

    def spec_urls(self) -> list[dict[str, str]]:
        """The documents the page lists: one per commandable service with swagger on."""
        from ._commandable_http_service import CommandableHttpService

        components = self._references.get_all() if self._references is not None else []
        return [
            {"name": service.base_route or "default",
             "url": service.route_path(service.swagger_route) + "?format=json"}
            for service in components
            if isinstance(service, CommandableHttpService) and service.swagger_enabled
        ]

    def _page(self, request: Any) -> HttpResponse:
        page = _PAGE.format(
            title="Swagger UI", prefix="/" + self.route, urls=json.dumps(self.spec_urls())
        )
        return HttpResponse(page, "text/html; charset=utf-8")

    def _asset(self, request: Any, asset: str) -> HttpResponse:
        if asset not in _ASSETS:
            raise NotFoundException(None, "ASSET_NOT_FOUND", f"No asset {asset}")
        path = os.path.join(_assets_dir(), asset)
        with open(path, "rb") as f:
            body = f.read()
        content_type = mimetypes.guess_type(asset)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("javascript"):
            content_type += "; charset=utf-8"
        return HttpResponse(body, content_type)
