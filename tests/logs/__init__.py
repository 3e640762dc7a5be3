"""Tests for pipservices_tx.logs."""
