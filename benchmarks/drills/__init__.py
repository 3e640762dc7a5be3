"""
Reliability drills: long, loopback-only runs of the beacons service under
twistd that print their figures and exit non-zero when a property fails.
One command each (from the repository root)::

    python -m benchmarks.drills.load_held          # 60 s mixed load: failures, RSS, fds
    python -m benchmarks.drills.connections        # 5,000 idle keep-alives, idle/header timeouts, 503s
    python -m benchmarks.drills.graceful_shutdown  # SIGTERM under load: nothing cut, every accepted connection answered
    python -m benchmarks.drills.non_reading        # 50 clients pipelining 1 MB answers they never read: memory bounded
    python -m benchmarks.drills.auth_guessing      # password guessing while a probe times /health/live
    python -m benchmarks.drills.backend_faults     # PostgreSQL, MariaDB, Redis cut and restored
    python -m benchmarks.drills.stale_pool         # idle 1 s database outages: no call fails after
    python -m benchmarks.drills.schemathesis_drill # schemathesis against our OpenAPI document

docs/reliability.rst has the figures measured on the development machine.
"""
