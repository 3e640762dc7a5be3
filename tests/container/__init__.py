"""Tests for pipservices_tx.container."""
