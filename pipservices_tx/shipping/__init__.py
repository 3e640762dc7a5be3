"""Loggers that ship entries to a remote collector (Logstash, Fluentd, any JSON-lines TCP input)."""

from ._tcp_json_logger import DefaultLogShippingFactory, TcpJsonLogger

__all__ = ["DefaultLogShippingFactory", "TcpJsonLogger"]
