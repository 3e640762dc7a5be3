"""Tests for pipservices_tx.errors."""
