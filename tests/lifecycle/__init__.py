"""Tests for pipservices_tx.lifecycle."""
