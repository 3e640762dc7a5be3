"""Tests for pipservices_tx.run."""
