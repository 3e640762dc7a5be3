"""Scripts run in subprocesses by tests.beacons.test_interop: the pip-services3 side of interop."""
