"""Pins the public names of L{pipservices_tx.commands}."""

from twisted.trial.unittest import SynchronousTestCase

import pipservices_tx.commands as commands


class ExportsTests(SynchronousTestCase):
    def test_all(self) -> None:
        self.assertEqual(
            sorted(commands.__all__),
            sorted([
                "Command",
                "CommandFunction",
                "CommandSet",
                "Event",
                "ICommand",
                "ICommandInterceptor",
                "ICommandable",
                "IEvent",
                "IEventListener",
                "InterceptedCommand",
                "caller_instruments",
                "take_caller_instruments",
            ]),
        )
        for name in commands.__all__:
            self.assertTrue(hasattr(commands, name), name)
