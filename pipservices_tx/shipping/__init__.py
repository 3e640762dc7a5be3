"""Loggers that ship entries to a remote collector (Logstash, Fluentd, any JSON-lines TCP input)."""

from ._factory import DefaultLogShippingFactory
from ._tcp_json_logger import TcpJsonLogger

__all__ = ["DefaultLogShippingFactory", "TcpJsonLogger"]
