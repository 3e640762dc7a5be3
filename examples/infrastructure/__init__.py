"""The Pip.Services infrastructure services (logging, counters, settings, discovery) on one port."""
