"""Tests for pipservices_tx.config."""
