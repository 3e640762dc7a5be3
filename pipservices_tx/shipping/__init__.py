"""Loggers that ship entries to a remote collector (Logstash, Fluentd, any JSON-lines TCP input)."""

from ._factory import DefaultLogShippingFactory
from ._json_lines import encode_json_line, json_lines_event
from ._tcp_json_logger import TcpJsonLogger

__all__ = ["DefaultLogShippingFactory", "TcpJsonLogger", "encode_json_line", "json_lines_event"]
