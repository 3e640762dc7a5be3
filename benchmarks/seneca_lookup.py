"""A controller that does only what the raw /act baseline does (benchmarks only): the seneca transport's own cost."""

from __future__ import annotations

from typing import Any, Optional

from zope.interface import implementer

from pipservices_tx.commands import Command, CommandSet, ICommandable
from pipservices_tx.config import ConfigParams, IConfigurable

from .baselines.fixtures import make_beacons


@implementer(ICommandable, IConfigurable)
class LookupController:
    """C{get_beacon_by_id} and C{get_beacons} over C{count} beacons in a dict, no schema, no copies."""

    def __init__(self) -> None:
        self.configure(ConfigParams())

    def configure(self, config: ConfigParams) -> None:
        self.items = make_beacons(config.get_as_integer_with_default("count", 1000))
        self.by_id = {item["id"]: item for item in self.items}
        self.command_set = CommandSet()
        self.command_set.add_commands([
            Command("get_beacon_by_id", None, lambda cid, args: self.by_id.get(args.get("beacon_id"))),
            Command("get_beacons", None, self._page),
        ])

    def get_command_set(self) -> CommandSet:
        return self.command_set

    def _page(self, correlation_id: Optional[str], args: dict[str, Any]) -> Any:
        paging = args.get("paging") or {}
        skip, take = int(paging.get("skip", 0)), min(int(paging.get("take", 100)), 100)
        site_id = (args.get("filter") or {}).get("site_id")
        matching = [i for i in self.items if site_id is None or i["site_id"] == site_id]
        return {"data": matching[skip:skip + take], "total": None}
