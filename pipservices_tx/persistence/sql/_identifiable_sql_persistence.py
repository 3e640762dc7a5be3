# -*- test-case-name: tests.persistence_sql.test_postgres -*-
"""IdentifiableSqlPersistence: a SqlPersistence of items keyed by their C{id}."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

from twisted.internet.defer import Deferred, succeed
from zope.interface import implementer

from ...data import ProjectionParams
from .._interfaces import IGetter, IPartialUpdater, ISetter, IWriter
from ._layout import ID_FIELD, ColumnLayout, RowDecoder
from ._sql_persistence import Item, SqlPersistence


@implementer(IGetter, ISetter, IWriter, IPartialUpdater)
class IdentifiableSqlPersistence(SqlPersistence):
    """
    Adds reads and writes by id, with the memory persistence's semantics: a
    missing id reads, updates and deletes as None; C{set} is an upsert
    (C{ON CONFLICT} / C{ON DUPLICATE KEY}); C{update_partially} sets top-level
    fields in one transaction. In document mode the id column holds the id as
    text, so C{1} and C{"1"} name the same row.
    """

    def _id_condition(self) -> str:
        return f" WHERE {self._layout.id_sql} = %s"

    def _by_id(self, lock: bool = False) -> tuple[str, RowDecoder]:
        """The SELECT of one whole item by id (C{FOR UPDATE} with C{lock}) and its row decoder, made once."""

        def build() -> tuple[str, RowDecoder]:
            projection = ProjectionParams()
            columns, select_sql = self._select(projection)
            lock_sql = " FOR UPDATE" if lock else ""
            return select_sql + self._id_condition() + lock_sql, self._layout.row_decoder(columns, projection)

        return self._statement("by_id_locked" if lock else "by_id", build)

    # -- reads ------------------------------------------------------------------

    def get_one_by_id(self, correlation_id: Optional[str], id: Any) -> Deferred[Optional[Item]]:
        if id is None:
            return succeed(None)

        def build() -> Deferred[Optional[Item]]:
            sql, decode = self._by_id()
            values = [self._layout.id_param(id)]

            def run(cursor: Any) -> Optional[Item]:
                self._execute(cursor, sql, values)
                row = cursor.fetchone()
                return None if row is None else decode(row)

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    def get_list_by_ids(self, correlation_id: Optional[str], ids: Iterable[Any]) -> Deferred[list[Item]]:
        """The items found, in the order of C{ids}, each once; missing ids are skipped."""

        def build() -> Deferred[list[Item]]:
            keys = list(dict.fromkeys(self._layout.id_param(id) for id in ids if id is not None))
            if not keys:
                return succeed([])
            projection = ProjectionParams()
            columns, select_sql = self._select(projection)
            sql = f"{select_sql} WHERE {self._layout.id_sql} IN ({', '.join(['%s'] * len(keys))})"

            def run(cursor: Any) -> list[Item]:
                self._execute(cursor, sql, keys)
                found = {}
                for item in self._decode_rows(cursor.fetchall(), columns, projection):
                    found[self._layout.id_param(item.get(ID_FIELD))] = item
                return [found[key] for key in keys if key in found]

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    # -- writes -----------------------------------------------------------------

    def set(self, correlation_id: Optional[str], item: Item) -> Deferred[Item]:
        """Creates the item or replaces the one with its id."""

        def build() -> Deferred[Item]:
            stored = self._prepare(correlation_id, item)
            values = self._layout.encode(stored, correlation_id)
            sql = self._statement(
                "upsert", lambda: self._dialect.upsert_sql(self._table(), self._layout.column_sqls, self._layout.id_sql)
            )

            def run(cursor: Any) -> Item:
                self._execute(cursor, sql, values)
                return stored

            return self._trace_result(self._run(correlation_id, run), correlation_id, "Set item %s")

        return self._attempt(correlation_id, build)

    def update(self, correlation_id: Optional[str], item: Item) -> Deferred[Optional[Item]]:
        """Replaces the item with C{item}'s id; None (and no write) when there is none."""

        def build() -> Deferred[Optional[Item]]:
            if isinstance(item, Mapping) and item.get(ID_FIELD) is None:
                return succeed(None)
            stored = self._prepare(correlation_id, item)
            values = self._layout.encode(stored, correlation_id)
            layout = self._layout
            pairs = [
                (column, value)
                for column, value in zip(layout.column_sqls, values, strict=True)
                if column != layout.id_sql
            ]
            sql = f"UPDATE {self._table()} SET {', '.join(f'{c} = %s' for c, _ in pairs)}{self._id_condition()}"
            params = [value for _, value in pairs] + [layout.id_param(stored[ID_FIELD])]

            def run(cursor: Any) -> Optional[Item]:
                if not pairs:
                    return self._fetch_one(cursor, stored[ID_FIELD])
                self._execute(cursor, sql, params)
                return stored if cursor.rowcount else None

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    def _fetch_one(self, cursor: Any, id: Any, lock: bool = False) -> Optional[Item]:
        sql, decode = self._by_id(lock)
        self._execute(cursor, sql, [self._layout.id_param(id)])
        row = cursor.fetchone()
        return None if row is None else decode(row)

    def update_partially(
        self, correlation_id: Optional[str], id: Any, data: dict[str, Any]
    ) -> Deferred[Optional[Item]]:
        """Sets each top-level field of C{data} but C{id}; None when there is no such item."""
        if id is None:
            return succeed(None)

        def build() -> Deferred[Optional[Item]]:
            changes = {key: value for key, value in dict(data or {}).items() if key != ID_FIELD}
            layout, dialect = self._layout, self._dialect
            if isinstance(layout, ColumnLayout):
                return self._update_columns(correlation_id, layout, id, changes)
            merge_sql = dialect.merge_json_sql(self._table(), layout.data_sql, layout.id_sql)
            patch = dialect.encode_json(changes, correlation_id)

            def run(cursor: Any) -> Optional[Item]:
                if not changes:
                    return self._fetch_one(cursor, id)
                if merge_sql is not None:
                    self._execute(cursor, merge_sql, [patch, layout.id_param(id)])
                    row = cursor.fetchone()
                    return None if row is None else dialect.decode_json(row[0])
                current = self._fetch_one(cursor, id, lock=True)
                if current is None:
                    return None
                merged = layout.merge(current, changes)
                self._execute(
                    cursor,
                    f"UPDATE {self._table()} SET {layout.data_sql} = %s{self._id_condition()}",
                    [dialect.encode_json(merged, correlation_id), layout.id_param(id)],
                )
                return merged

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    def _update_columns(
        self, correlation_id: Optional[str], layout: ColumnLayout, id: Any, changes: dict[str, Any]
    ) -> Deferred[Optional[Item]]:
        layout.check_keys(changes, correlation_id)
        names = list(changes)
        values = [layout.encode_value(layout.by_name[name], changes[name], correlation_id) for name in names]
        assignments = ", ".join(f"{layout.quoted(name)} = %s" for name in names)
        sql = f"UPDATE {self._table()} SET {assignments}{self._id_condition()}"

        def run(cursor: Any) -> Optional[Item]:
            if names:
                self._execute(cursor, sql, [*values, id])
                if not cursor.rowcount:
                    return None
            return self._fetch_one(cursor, id)

        return self._run(correlation_id, run)

    def delete_by_id(self, correlation_id: Optional[str], id: Any) -> Deferred[Optional[Item]]:
        """Deletes the item and fires with it, or with None when there is none."""
        if id is None:
            return succeed(None)

        def build() -> Deferred[Optional[Item]]:
            delete_sql, returning_sql, decode = self._statement("delete_by_id", self._delete_by_id)
            key = self._layout.id_param(id)

            def run(cursor: Any) -> Optional[Item]:
                if returning_sql:
                    self._execute(cursor, returning_sql, [key])
                    row = cursor.fetchone()
                    return None if row is None else decode(row)
                current = self._fetch_one(cursor, id, lock=True)
                if current is not None:
                    self._execute(cursor, delete_sql, [key])
                return current

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)

    def _delete_by_id(self) -> tuple[str, str, RowDecoder]:
        """The DELETE by id, the same returning the row where the dialect can (else ""), and the row decoder."""
        projection = ProjectionParams()
        columns, _ = self._select(projection)
        delete_sql = f"DELETE FROM {self._table()}{self._id_condition()}"
        returning = f"{delete_sql} RETURNING {', '.join(columns)}" if self._dialect.has_returning else ""
        return delete_sql, returning, self._layout.row_decoder(columns, projection)

    def delete_by_ids(self, correlation_id: Optional[str], ids: Iterable[Any]) -> Deferred[None]:
        """Deletes the items with these ids; missing ids are ignored."""

        def build() -> Deferred[None]:
            keys = list(dict.fromkeys(self._layout.id_param(id) for id in ids if id is not None))
            if not keys:
                return succeed(None)
            sql = f"DELETE FROM {self._table()} WHERE {self._layout.id_sql} IN ({', '.join(['%s'] * len(keys))})"

            def run(cursor: Any) -> None:
                self._execute(cursor, sql, keys)

            return self._run(correlation_id, run)

        return self._attempt(correlation_id, build)
