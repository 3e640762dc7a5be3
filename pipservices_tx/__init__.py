"""pipservices_tx: composable Pip.Services microservices on Twisted."""

__version__ = "0.1.0"

__all__ = ["__version__"]
