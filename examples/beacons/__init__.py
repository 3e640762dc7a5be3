"""The beacons microservice: the canonical Pip.Services sample, on pipservices_tx."""
