"""A MongoDB emulated for the conformance kit: MockupDB speaks the wire, mongomock runs the commands."""

from __future__ import annotations

from typing import Any

from ._mock_mongo import plain

_HANDSHAKES = frozenset(("ismaster", "isMaster", "hello"))


def _duplicate_error(collection: Any, document: dict[str, Any]) -> dict[str, Any]:
    """The writeError a server gives for a duplicate key (on C{_id}, or on another unique index)."""
    if collection.find_one({"_id": {"$eq": document.get("_id")}}) is not None:
        pattern, index = {"_id": 1}, "_id_"
    else:
        pattern, index = {"unknown": 1}, "unique_1"
    return {
        "code": 11000, "keyPattern": pattern,
        "errmsg": f"E11000 duplicate key error collection: {collection.full_name} index: {index} dup key",
    }


class EmulatedMongo:
    """
    Answers the commands the persistences send (find, count, insert, update,
    delete, findAndModify, createIndexes, ping) from a fresh mongomock
    database: the query, sort and projection semantics are mongomock's, the
    wire protocol is MockupDB's. Not a substitute for a real MongoDB: it
    checks that the commands composed mean what the kit expects.
    """

    def __init__(self) -> None:
        import mongomock

        self._client = mongomock.MongoClient()

    def handle(self, request: Any) -> bool:
        name = request.command_name
        if name in _HANDSHAKES:
            return False
        body = plain(request.doc)
        handler = getattr(self, "_" + name, None)
        if handler is None:
            return bool(request.replies({}))
        try:
            reply = handler(self._client[request.namespace], body)
        except _CommandError as error:
            return bool(request.command_err(error.code, error.message))
        except Exception as error:  # what mongomock refuses, the client sees as a server error
            return bool(request.command_err(getattr(error, "code", None) or 8000, str(error)))
        return bool(request.replies(reply))

    def _find(self, db: Any, body: dict[str, Any]) -> dict[str, Any]:
        collection = db[body["find"]]
        cursor = collection.find(body.get("filter") or {}, body.get("projection") or None)
        if body.get("sort"):
            cursor = cursor.sort(list(body["sort"].items()))
        cursor = cursor.skip(body.get("skip", 0)).limit(body.get("limit", 0))
        return {"cursor": {"id": 0, "ns": collection.full_name, "firstBatch": list(cursor)}}

    def _count(self, db: Any, body: dict[str, Any]) -> dict[str, Any]:
        return {"n": db[body["count"]].count_documents(body.get("query") or {})}

    def _insert(self, db: Any, body: dict[str, Any]) -> dict[str, Any]:
        from pymongo.errors import DuplicateKeyError

        collection, n, errors = db[body["insert"]], 0, []
        for index, document in enumerate(body["documents"]):
            try:
                collection.insert_one(document)
                n += 1
            except DuplicateKeyError:
                errors.append(dict(_duplicate_error(collection, document), index=index))
        return {"n": n, "writeErrors": errors} if errors else {"n": n}

    def _update(self, db: Any, body: dict[str, Any]) -> dict[str, Any]:
        collection, n, modified = db[body["update"]], 0, 0
        for update in body["updates"]:
            operators = any(key.startswith("$") for key in update["u"])
            if update.get("multi"):
                result = collection.update_many(update["q"], update["u"], upsert=update.get("upsert", False))
            elif operators:
                result = collection.update_one(update["q"], update["u"], upsert=update.get("upsert", False))
            else:
                result = collection.replace_one(update["q"], update["u"], upsert=update.get("upsert", False))
            n += result.matched_count + (1 if result.upserted_id is not None else 0)
            modified += result.modified_count
        return {"n": n, "nModified": modified}

    def _delete(self, db: Any, body: dict[str, Any]) -> dict[str, Any]:
        collection, n = db[body["delete"]], 0
        for delete in body["deletes"]:
            if delete.get("limit") == 1:
                n += collection.delete_one(delete["q"]).deleted_count
            else:
                n += collection.delete_many(delete["q"]).deleted_count
        return {"n": n}

    def _findAndModify(self, db: Any, body: dict[str, Any]) -> dict[str, Any]:  # noqa: N802 (the command's name)
        from pymongo.errors import DuplicateKeyError

        collection = db[body["findAndModify"]]
        query, new, upsert = body.get("query") or {}, bool(body.get("new")), bool(body.get("upsert"))
        try:
            if body.get("remove"):
                value = collection.find_one_and_delete(query)
            elif any(key.startswith("$") for key in body["update"]):
                value = collection.find_one_and_update(query, body["update"], upsert=upsert, return_document=new)
            else:
                value = collection.find_one_and_replace(query, body["update"], upsert=upsert, return_document=new)
        except DuplicateKeyError as error:
            raise _CommandError(11000, f"E11000 duplicate key error: {error}") from None
        return {"lastErrorObject": {"n": 0 if value is None else 1}, "value": value}

    def _createIndexes(self, db: Any, body: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        collection = db[body["createIndexes"]]
        for index in body["indexes"]:
            keys = list(index["key"].items())
            if keys != [("_id", 1)]:
                collection.create_index(keys, name=index["name"], unique=bool(index.get("unique")))
        return {}


class _CommandError(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
