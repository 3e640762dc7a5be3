"""RestClient neither sends nor accepts numbers no 64-bit float holds (NaN, infinities, 1e400)."""

from __future__ import annotations

from twisted.trial.unittest import SynchronousTestCase

from pipservices_tx.errors import BadRequestException, UnknownException

from .support import stub_client


class NonFiniteTests(SynchronousTestCase):
    def test_a_non_finite_answer_is_a_format_error(self) -> None:
        client, _, _, _ = stub_client()
        error = self.failureResultOf(client.call_command("non_finite", "cid-9", {}), UnknownException).value
        self.assertEqual((error.code, error.correlation_id), ("FORMAT_ERROR", "cid-9"))
        self.assertIn("not finite", error.message)

    def test_non_finite_arguments_fail_without_a_request(self) -> None:
        client, service, _, _ = stub_client()
        for value in (float("nan"), float("inf"), -float("inf")):
            failure = self.failureResultOf(client.call_command("echo", "c", {"radius": value}), BadRequestException)
            self.assertEqual(failure.value.code, "NOT_SERIALIZABLE")
        self.assertEqual(service.requests, [])
