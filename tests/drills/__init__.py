"""Fast versions of the reliability drills (benchmarks/drills/ has the long ones)."""
