# -*- test-case-name: tests.persistence_sql.test_mysql -*-
"""MySqlPersistence and IdentifiableMySqlPersistence: the SQL persistences on MySQL and MariaDB."""

from __future__ import annotations

from ._identifiable_sql_persistence import IdentifiableSqlPersistence
from ._mysql_dialect import MySqlDialect
from ._sql_persistence import SqlPersistence


class MySqlPersistence(SqlPersistence):
    """
    Items in a MySQL or MariaDB table (pymysql on adbapi threads): JSON
    documents in C{(id VARCHAR(255), data JSON)} rows, or declared columns.
    Connects with C{connection.uri} (C{mysql://user:pass@host:3306/db}) or
    C{connection.host}/C{port}/C{database}, C{credential.username}/C{password}.
    Document mode cannot index JSON fields (MySQL needs generated columns for
    that): declare columns for the fields you index.
    """

    _dialect_class = MySqlDialect


class IdentifiableMySqlPersistence(IdentifiableSqlPersistence):
    """L{MySqlPersistence} with reads and writes by id: the one to subclass for your data."""

    _dialect_class = MySqlDialect
