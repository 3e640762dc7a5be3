"""The trial suite of pipservices_tx."""

from hypothesis import HealthCheck, settings

# Property tests assert properties, never speed: on a loaded 2-core CI machine a
# slow example is not a failure (speed is measured by benchmarks/ instead).
settings.register_profile(
    "pipservices_tx",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("pipservices_tx")
