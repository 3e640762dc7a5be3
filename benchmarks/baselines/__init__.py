"""Servers the benchmarks compare pipservices_tx against."""
