"""Bad input: hypothesis fuzzing of the beacons routes, mutated config files, hostile correlation ids."""
