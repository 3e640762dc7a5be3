"""Tests for pipservices_tx.refer."""
