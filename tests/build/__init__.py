"""Tests for pipservices_tx.build."""
