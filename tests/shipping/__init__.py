"""Tests for pipservices_tx.shipping."""
