"""The public names of pipservices_tx.clients."""

from twisted.trial.unittest import SynchronousTestCase

import pipservices_tx.clients


class ExportTests(SynchronousTestCase):
    def test_all(self) -> None:
        self.assertEqual(
            sorted(pipservices_tx.clients.__all__),
            ["CommandableHttpClient", "DirectClient", "IDEMPOTENT_METHODS", "InstrumentTiming", "RestClient"],
        )
        for name in pipservices_tx.clients.__all__:
            self.assertTrue(hasattr(pipservices_tx.clients, name), name)
