"""
PostgreSQL and MySQL/MariaDB persistences with the memory persistence's API.

Install the driver you use (runtime extras): C{psycopg2-binary} for
PostgreSQL, C{pymysql} for MySQL and MariaDB. Statements run on the threads
of a C{twisted.enterprise.adbapi} pool; every method fires a Deferred.

Subclass for your data. Document mode (the default) keeps each item as JSON
in a C{(id, data)} row and works for any map; column mode maps each field to
a declared column. Either way C{_compose_filter} turns a L{FilterParams}
into a C{(sql, params)} condition; override it for criteria of your own::

    from pipservices_tx.data import FilterParams
    from pipservices_tx.persistence.sql import IdentifiablePostgresPersistence, and_conditions

    class BeaconsPostgresPersistence(IdentifiablePostgresPersistence):
        def __init__(self):
            super().__init__("beacons")             # or columns=[("site_id", "TEXT"), ...]
            self._ensure_index("site", ["site_id"])  # index beacons_site

        def _compose_filter(self, filter_params):
            rest = FilterParams(filter_params)
            udis = rest.get_as_string_list("udis")  # "a,b" -> ["a", "b"]
            rest.pop("udis", None)
            return and_conditions(
                super()._compose_filter(rest),      # equality on the other keys
                None if udis is None else self._field_in("udi", udis),
            )

Configure it with C{connection.host}/C{port}/C{database} (or
C{connection.uri}, or a C{connection.discovery_key}), C{credential.username}
and C{password}, C{table}, C{schema}, and C{options.auto_create},
C{min_pool_size}, C{max_pool_size}, C{connect_timeout} (ms), C{timeout} (ms)
and C{max_page_size}. Field names in filters, sorts and projections must be
identifiers (dotted for nested JSON fields); anything else is a
BadRequestException, and values only ever travel as query parameters. Check
a subclass with C{pipservices_tx.testing.PersistenceConformanceMixin}.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._columns import SqlColumn
    from ._condition import SqlCondition, and_conditions, or_conditions
    from ._dialect import SqlDialect
    from ._errors import SqlErrorMeaning
    from ._identifiable_sql_persistence import IdentifiableSqlPersistence
    from ._mysql_dialect import MySqlDialect
    from ._mysql_persistence import IdentifiableMySqlPersistence, MySqlPersistence
    from ._postgres_dialect import PostgresDialect
    from ._postgres_persistence import IdentifiablePostgresPersistence, PostgresPersistence
    from ._settings import SqlAddress, SqlSettings
    from ._sql_persistence import SqlPersistence

__all__ = [
    "IdentifiableMySqlPersistence",
    "IdentifiablePostgresPersistence",
    "IdentifiableSqlPersistence",
    "MySqlDialect",
    "MySqlPersistence",
    "PostgresDialect",
    "PostgresPersistence",
    "SqlAddress",
    "SqlColumn",
    "SqlCondition",
    "SqlDialect",
    "SqlErrorMeaning",
    "SqlPersistence",
    "SqlSettings",
    "and_conditions",
    "or_conditions",
]


def __getattr__(name: str) -> Any:
    """Imports a public name's module on first use (PEP 562), so importing the package imports none of them."""
    module: ModuleType
    if name == "SqlColumn":
        from . import _columns

        module = _columns
    elif name in ("SqlCondition", "and_conditions", "or_conditions"):
        from . import _condition

        module = _condition
    elif name == "SqlDialect":
        from . import _dialect

        module = _dialect
    elif name == "SqlErrorMeaning":
        from . import _errors

        module = _errors
    elif name == "IdentifiableSqlPersistence":
        from . import _identifiable_sql_persistence

        module = _identifiable_sql_persistence
    elif name == "MySqlDialect":
        from . import _mysql_dialect

        module = _mysql_dialect
    elif name in ("IdentifiableMySqlPersistence", "MySqlPersistence"):
        from . import _mysql_persistence

        module = _mysql_persistence
    elif name == "PostgresDialect":
        from . import _postgres_dialect

        module = _postgres_dialect
    elif name in ("IdentifiablePostgresPersistence", "PostgresPersistence"):
        from . import _postgres_persistence

        module = _postgres_persistence
    elif name in ("SqlAddress", "SqlSettings"):
        from . import _settings

        module = _settings
    elif name == "SqlPersistence":
        from . import _sql_persistence

        module = _sql_persistence
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(module, name)
    return value
