"""Tests for pipservices_tx.info."""
