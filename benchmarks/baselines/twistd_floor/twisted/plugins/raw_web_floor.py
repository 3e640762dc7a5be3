"""twistd plugin of the start-up benchmark: the tuned raw twisted.web resource under twistd (its floor)."""

from twisted.application.service import ServiceMaker

raw_web_floor = ServiceMaker("raw-web", "benchmarks.baselines.raw_web_tap", "The tuned raw twisted.web baseline.", "raw-web")
