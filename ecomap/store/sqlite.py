"""The embedded store: a whole map, its change log and its snapshots in one SQLite file.

:class:`SQLiteStore` is the default store (``ecomap.db``): nothing to install, one file
to copy or back up, several processes (the app, the CLI, a script) may use it at once.

Layout
------
``actors``, ``stakes``, ``spaces`` and ``relations`` hold one row per record: the
record as the exchange format has it (:meth:`ecomap.model.Actor.record`, JSON text,
custom fields included), its key (a node's ``id``, a relation's identity), the
columns the store searches on (kind; a relation's type, source, target and stake) and
its ``version``: the id of the change that last wrote it. ``changes`` is the change
log (each change with its items, the records before and after, as JSON);
``snapshots`` keeps named copies of the map in the JSON exchange format; ``meta``
(created on first use) what the store keeps for itself, such as the pseudonym key. The schema
version is ``PRAGMA user_version`` (:data:`SCHEMA_VERSION`) and the file is marked
with ``PRAGMA application_id`` so another program's database is recognised as such.
"""

from __future__ import annotations

import gc
import json
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from enum import StrEnum
from itertools import repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

from ecomap.errors import ConflictError, StoreError, StoreUnavailable, UnreadableRecord
from ecomap.model import Actor, Ecosystem, RecordKind, Relation, Space, Stake
from ecomap.store.base import (
    Change,
    ChangeItem,
    Record,
    RecordRef,
    SnapshotInfo,
    Store,
    change_summary,
    check_revision,
    import_snapshot_name,
    prepare_change,
    quoted_refs,
    ref_of,
)
from ecomap.views.saved import ViewChange

__all__ = ["SQLiteStore", "SCHEMA_VERSION", "APPLICATION_ID"]

#: Version of the file layout, kept in ``PRAGMA user_version``; a later layout migrates
#: files whose version is lower. 2: the tables of participatory collection; 3: saved
#: views (views, view_changes).
SCHEMA_VERSION = 3
#: ``PRAGMA application_id`` of ecomap files ("ECMP").
APPLICATION_ID = 0x45434D50

#: The indexes of the relations table, by name.
_RELATION_INDEXES = {
    "relations_source": "CREATE INDEX relations_source ON relations (source)",
    "relations_target": "CREATE INDEX relations_target ON relations (target)",
    "relations_stake": "CREATE INDEX relations_stake ON relations (stake) WHERE stake IS NOT NULL",
}
#: From how many relations written into an empty table its indexes are built afterwards.
_REINDEX_FROM = 5_000

_SCHEMA = f"""
CREATE TABLE changes (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,
    summary   TEXT NOT NULL,
    author    TEXT,
    items     TEXT NOT NULL,
    undone_by INTEGER REFERENCES changes (id),
    undoes    INTEGER REFERENCES changes (id)
);
CREATE TABLE actors (
    id      TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,
    version INTEGER NOT NULL,
    record  TEXT NOT NULL
);
CREATE TABLE stakes (
    id      TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    record  TEXT NOT NULL
);
CREATE TABLE spaces (
    id      TEXT PRIMARY KEY,
    kind    TEXT NOT NULL,
    version INTEGER NOT NULL,
    record  TEXT NOT NULL
);
CREATE TABLE relations (
    key     TEXT PRIMARY KEY,
    id      TEXT,
    type    TEXT NOT NULL,
    source  TEXT NOT NULL,
    target  TEXT NOT NULL,
    stake   TEXT,
    version INTEGER NOT NULL,
    record  TEXT NOT NULL
);
{";".join(_RELATION_INDEXES.values())};
CREATE TABLE snapshots (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT NOT NULL UNIQUE,
    at       TEXT NOT NULL,
    note     TEXT,
    revision INTEGER NOT NULL,
    counts   TEXT NOT NULL,
    map      TEXT NOT NULL
);
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""

# Every statement is written out in full: table and column names never come from data.
# Sets of keys go through the connection's temporary table ``wanted`` (see _stage): a
# key may hold any character, even NUL, which SQLite's JSON functions would cut short.
_WANTED = "CREATE TEMP TABLE IF NOT EXISTS wanted (key TEXT PRIMARY KEY)"
_SELECT = {
    RecordKind.ACTOR: "SELECT id, version, record FROM actors "
    "WHERE id IN (SELECT key FROM temp.wanted)",
    RecordKind.STAKE: "SELECT id, version, record FROM stakes "
    "WHERE id IN (SELECT key FROM temp.wanted)",
    RecordKind.SPACE: "SELECT id, version, record FROM spaces "
    "WHERE id IN (SELECT key FROM temp.wanted)",
    RecordKind.RELATION: "SELECT key, version, record FROM relations "
    "WHERE key IN (SELECT key FROM temp.wanted)",
}
_SIZE = {
    RecordKind.ACTOR: "SELECT coalesce(max(rowid), 0) FROM actors",
    RecordKind.STAKE: "SELECT coalesce(max(rowid), 0) FROM stakes",
    RecordKind.SPACE: "SELECT coalesce(max(rowid), 0) FROM spaces",
    RecordKind.RELATION: "SELECT coalesce(max(rowid), 0) FROM relations",
}
_SCAN = {
    RecordKind.ACTOR: "SELECT id, version, record FROM actors",
    RecordKind.STAKE: "SELECT id, version, record FROM stakes",
    RecordKind.SPACE: "SELECT id, version, record FROM spaces",
    RecordKind.RELATION: "SELECT key, version, record FROM relations",
}
_SELECT_ALL = {
    RecordKind.ACTOR: "SELECT id, record FROM actors ORDER BY rowid",
    RecordKind.STAKE: "SELECT id, record FROM stakes ORDER BY rowid",
    RecordKind.SPACE: "SELECT id, record FROM spaces ORDER BY rowid",
    RecordKind.RELATION: "SELECT key, record FROM relations ORDER BY rowid",
}
#: Each table whole, in the order :meth:`SQLiteStore.load` reads it, with the versions.
_SELECT_VERSIONED = {
    RecordKind.ACTOR: "SELECT id, version, record FROM actors ORDER BY rowid",
    RecordKind.STAKE: "SELECT id, version, record FROM stakes ORDER BY rowid",
    RecordKind.SPACE: "SELECT id, version, record FROM spaces ORDER BY rowid",
    RecordKind.RELATION: "SELECT key, version, record FROM relations ORDER BY rowid",
}
_KEYS = {
    RecordKind.ACTOR: "SELECT id FROM actors ORDER BY rowid",
    RecordKind.STAKE: "SELECT id FROM stakes ORDER BY rowid",
    RecordKind.SPACE: "SELECT id FROM spaces ORDER BY rowid",
    RecordKind.RELATION: "SELECT key FROM relations ORDER BY rowid",
}
_UPSERT = {
    RecordKind.ACTOR: "INSERT INTO actors (id, kind, version, record) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, version = excluded.version, "
    "record = excluded.record",
    RecordKind.STAKE: "INSERT INTO stakes (id, version, record) VALUES (?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET version = excluded.version, record = excluded.record",
    RecordKind.SPACE: "INSERT INTO spaces (id, kind, version, record) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, version = excluded.version, "
    "record = excluded.record",
    RecordKind.RELATION: "INSERT INTO relations "
    "(key, id, type, source, target, stake, version, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET id = excluded.id, type = excluded.type, "
    "source = excluded.source, target = excluded.target, stake = excluded.stake, "
    "version = excluded.version, record = excluded.record",
}
_INSERT = {
    RecordKind.ACTOR: "INSERT INTO actors (id, kind, version, record) VALUES (?, ?, ?, ?)",
    RecordKind.STAKE: "INSERT INTO stakes (id, version, record) VALUES (?, ?, ?)",
    RecordKind.SPACE: "INSERT INTO spaces (id, kind, version, record) VALUES (?, ?, ?, ?)",
    RecordKind.RELATION: "INSERT INTO relations (rowid, key, id, type, source, target, "
    "stake, version, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
}
_INSERT_PLAIN_RELATION = (
    "INSERT INTO relations (rowid, key, type, source, target, version, record) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_DELETE = {
    RecordKind.ACTOR: "DELETE FROM actors WHERE id = ?",
    RecordKind.STAKE: "DELETE FROM stakes WHERE id = ?",
    RecordKind.SPACE: "DELETE FROM spaces WHERE id = ?",
    RecordKind.RELATION: "DELETE FROM relations WHERE key = ?",
}
_COUNT = {
    RecordKind.ACTOR: "SELECT count(*) FROM actors",
    RecordKind.STAKE: "SELECT count(*) FROM stakes",
    RecordKind.SPACE: "SELECT count(*) FROM spaces",
    RecordKind.RELATION: "SELECT count(*) FROM relations",
}
_SETTINGS_TABLE = "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
_SETTINGS_EXIST = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
_READ_SETTING = "SELECT value FROM meta WHERE name = ?"
_KEEP_SETTING = "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"
_NODES_NAMED = (
    "SELECT 'actor', id FROM actors WHERE id IN (SELECT key FROM temp.wanted) "
    "UNION ALL SELECT 'stake', id FROM stakes WHERE id IN (SELECT key FROM temp.wanted) "
    "UNION ALL SELECT 'space', id FROM spaces WHERE id IN (SELECT key FROM temp.wanted)"
)
_RELATIONS_OF_ANY = (
    "SELECT key FROM relations "
    "WHERE source IN (SELECT key FROM temp.wanted) "
    "OR target IN (SELECT key FROM temp.wanted) "
    "OR stake IN (SELECT key FROM temp.wanted)"
)
_RELATIONS_OF = (
    "SELECT key, version, record FROM relations "
    "WHERE source = ?1 OR target = ?1 OR stake = ?1 ORDER BY rowid"
)

# Saved views (layout 2): one row per view, the view whole as JSON; their log.
_VIEW_TABLES = (
    "CREATE TABLE IF NOT EXISTS views (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
    "position INTEGER NOT NULL, record TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS view_changes (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "at TEXT NOT NULL, action TEXT NOT NULL, summary TEXT NOT NULL, author TEXT, "
    "before TEXT NOT NULL, after TEXT NOT NULL)",
)
_READ_VIEWS = "SELECT id, record FROM views ORDER BY position, id"
_DELETE_VIEW = "DELETE FROM views WHERE id = ?"
_INSERT_VIEW = "INSERT INTO views (id, name, position, record) VALUES (?, ?, ?, ?)"
_LOG_VIEW_CHANGE = (
    "INSERT INTO view_changes (at, action, summary, author, before, after) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_VIEW_HISTORY = (
    "SELECT id, at, action, summary, author, before, after FROM view_changes "
    "ORDER BY id DESC LIMIT ?"
)

_KINDS = {kind.value: kind for kind in RecordKind}
_SOURCE, _TARGET, _STAKE = attrgetter("source"), attrgetter("target"), attrgetter("stake")
_NODE_KINDS = (RecordKind.ACTOR, RecordKind.STAKE, RecordKind.SPACE)
_A = {
    RecordKind.ACTOR: "an actor",
    RecordKind.STAKE: "a stake",
    RecordKind.SPACE: "a space",
    RecordKind.RELATION: "a relation",
}
_MODELS: dict[RecordKind, type[Record]] = {
    RecordKind.ACTOR: Actor,
    RecordKind.STAKE: Stake,
    RecordKind.SPACE: Space,
    RecordKind.RELATION: Relation,
}
# The same text for the same record, so an unchanged record is recognised without parsing.
_to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# What _to_json writes for a dict, from one C encoder made once (JSONEncoder.encode
# makes a new one per call: a third of the encoding time of a large import). No check
# for circular references: records are flat exchange dicts.
_encode_record = json.encoder.c_make_encoder(
    None, json.JSONEncoder().default, json.encoder.encode_basestring, None, ":", ",",
    False, False, True,
) if json.encoder.c_make_encoder is not None else None  # fmt: skip
#: What _to_json writes for a string.
_encode_key = json.encoder.encode_basestring


def _record_json(data: dict[str, Any]) -> str:
    """``_to_json(data)`` for a record's exchange dict."""
    if _encode_record is None:
        return _to_json(data)
    return "".join(_encode_record(data, 0))


_T = TypeVar("_T")


# -- records from the exchange format -------------------------------------------------
def _converter(annotation: Any) -> Callable[[Any], Any] | None:
    """How to turn a JSON value back into a field's value; None when JSON has it right.

    JSON already gives strings, floats (every number field is a float, and is written
    as one), booleans and lists; enums and dates need converting.
    """
    if get_origin(annotation) in (Union, UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return {member.value: member for member in annotation}.__getitem__
    if annotation is date:
        return date.fromisoformat
    return None


_FIELDS = {kind: frozenset(model.model_fields) - {"extra"} for kind, model in _MODELS.items()}
_TYPED = {
    kind: [
        (name, convert)
        for name, info in model.model_fields.items()
        if (convert := _converter(info.annotation)) is not None
    ]
    for kind, model in _MODELS.items()
}
_REQUIRED = {
    kind: frozenset(name for name, info in model.model_fields.items() if info.is_required())
    for kind, model in _MODELS.items()
}


def _expected(annotation: Any) -> str:
    """What a typed field holds, in words (for a record that cannot be read)."""
    if get_origin(annotation) in (Union, UnionType):
        annotation = next(a for a in get_args(annotation) if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return "one of: " + ", ".join(member.value for member in annotation)
    return "a date as 2026-03-01"


_EXPECTED = {
    kind: {name: _expected(info.annotation) for name, info in model.model_fields.items()
           if name in dict(_TYPED[kind])}
    for kind, model in _MODELS.items()
}  # fmt: skip
_TEMPLATES: dict[RecordKind, Record] = {
    RecordKind.ACTOR: Actor(id="_", name="_", kind="person"),
    RecordKind.STAKE: Stake(id="_", name="_"),
    RecordKind.SPACE: Space(id="_", name="_"),
    RecordKind.RELATION: Relation(source="_", target="__", type="cooperates"),
}
#: Per kind, what :func:`_record` copies: the model, the template's fields and the
#: fields it counts as set (the templates hold no extra or private attributes).
_COPIED = {
    kind: (type(t), dict(t.__dict__), set(t.__pydantic_fields_set__))
    for kind, t in _TEMPLATES.items()
}


def _record(kind: RecordKind, data: dict[str, Any], key: str | None = None) -> Record:
    """The record whose exchange form is ``data``, as this store wrote it.

    Every stored record was validated when it was written, so it is rebuilt without
    validating it again: a copy of a valid template with the stored values, typed
    (enums, dates) exactly as validation types them. That is twice as fast as
    ``model_validate``, which dominates the loading of a large map. Keys that are not
    fields are the record's custom fields (``extra``).

    Raises
    ------
    UnreadableRecord
        When ``data`` is not what this version writes: a value of an enum it does not
        know (a newer version may have written it), a date it cannot read, a missing
        field every record of the kind has. ``key`` names the record in the message.
    """
    if type(data) is not dict:
        raise _unreadable(kind, key, data, None, None, "its stored text is not a record")
    values = dict(data)
    missing = _REQUIRED[kind] - values.keys()
    if missing:
        field = min(missing)
        raise _unreadable(kind, key, data, field, None, f"every {kind.value} has one")
    custom = values.keys() - _FIELDS[kind]
    # In the stored order: the same record gives the same text, which is how an
    # unchanged record is recognised.
    values["extra"] = {name: values.pop(name) for name in data if name in custom} if custom else {}
    for name, convert in _TYPED[kind]:
        if name in values:
            try:
                values[name] = convert(values[name])
            except (KeyError, ValueError, TypeError):
                expected = _EXPECTED[kind][name]
                newer = expected.startswith("one of")
                raise _unreadable(
                    kind, key, data, name, values[name], expected, newer=newer
                ) from None
    # What ``model_copy(update=values)`` of the template makes, without its general
    # machinery (a third of a large map's load): the template's fields, the stored
    # values over them, and those values counted as set.
    model, fields, is_set = _COPIED[kind]
    record = model.__new__(model)
    _set = object.__setattr__
    _set(record, "__dict__", {**fields, **values})
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_fields_set__", is_set | values.keys())  # a new set
    _set(record, "__pydantic_private__", None)
    return record


def _unreadable(
    kind: RecordKind,
    key: str | None,
    data: Any,
    field: str | None,
    value: Any,
    expected: str,
    *,
    newer: bool = False,
) -> UnreadableRecord:
    """The error for a stored record that cannot be read (the store is named by the caller)."""
    if isinstance(data, dict) and (key is None or kind is RecordKind.RELATION):
        # A relation is named as users know it: its id, else its two ends.
        ends = (
            f"{data['source']} → {data['target']}" if {"source", "target"} <= data.keys() else key
        )
        key = data.get("id") or ends
    return UnreadableRecord(kind.value, _shown_key(kind, key), field, value, expected, newer=newer)


def _shown_key(kind: RecordKind, key: str | None) -> str | None:
    """A record's key as users know it: a relation by its id, else its two ends.

    >>> _shown_key(RecordKind.RELATION, '["cooperates","asso","mairie"]')
    'asso → mairie'
    """
    if kind is RecordKind.RELATION and key:
        if key.startswith("id:"):
            return key[3:]
        try:
            identity = json.loads(key)
            return f"{identity[1]} → {identity[2]}"
        except (ValueError, IndexError, TypeError, KeyError):
            pass
    return key


def _now() -> datetime:
    return datetime.now(UTC)


# -- errors ---------------------------------------------------------------------------
def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class SQLiteStore(Store):
    """A map kept in one SQLite file (or in memory with ``":memory:"``).

    Parameters
    ----------
    path : Path or ":memory:"
        The store file; it is created, with its schema, when it does not exist. Its
        folder must exist and be writable (SQLite keeps ``<file>-wal`` and
        ``<file>-shm`` beside it).
    timeout : float
        Seconds a write waits for another process's write to finish before giving up
        with :class:`~ecomap.errors.StoreUnavailable`.

    Raises
    ------
    StoreUnavailable
        When the file cannot be opened or created (missing or read-only folder), is
        not an SQLite database, is damaged, or is another program's database.
    StoreError
        When the file was written by a newer version of ecomap.

    Examples
    --------
    >>> from ecomap.model import Actor
    >>> store = SQLiteStore(":memory:")
    >>> change = store.upsert([Actor(id="mairie", name="Mairie", kind="institution")])
    >>> change.id, change.summary, store.revision
    (1, 'upsert: added 1 actor', 1)
    >>> store.load().actors["mairie"].level
    <Level.MACRO: 'macro'>
    >>> store.undo().undoes, store.load().actors
    (1, {})
    >>> store.close()

    Notes
    -----
    **Durability.** The journal is a write-ahead log (WAL: readers never wait for a
    writer, a writer never waits for readers) with ``synchronous=FULL``: every commit
    is on disk when :meth:`apply` returns, so an edit survives a power cut, not only a
    crash of the program (``NORMAL`` would only guarantee the latter). Edits are made
    by hand and imports are one transaction each, so the cost — one ``fsync`` per
    change — is not felt, and "never losing an edit" is what the users ask for.

    **Concurrency.** Every write is one ``BEGIN IMMEDIATE`` transaction: it takes the
    write lock before reading what it checks, so concurrent writers queue (for up to
    ``timeout`` seconds, then retry with backoff until the same deadline) instead of
    failing when a read transaction tries to become a write. Reads see one consistent
    state of the map.

    **Conflicts.** :meth:`apply` checks ``expected`` versions inside that
    transaction: when any record named there has another version (``None`` = the
    editor saw no such record), :class:`~ecomap.errors.ConflictError` lists every stale
    record and nothing is written. Without ``expected`` the last writer wins.

    **Integrity.** A relation must refer (source, target and, when given, stake) to
    nodes that exist after the change; actors, stakes and spaces share one id space.
    Deleting a node deletes its relations in the same change (they are items of it).

    **Imports.** An import and its ``import-N`` snapshot are one transaction. A
    replace (:meth:`import_map` with ``replace``) and
    :meth:`snapshot_restore` read what is stored inside their write transaction, so
    what another process wrote just before is replaced too. An import into an empty
    store compares nothing: each record is encoded once, for its row and its item of
    the change log, and the relation indexes are built after the rows.

    **Undo.** :meth:`undo` reverts the newest change that is neither an undo nor
    already undone, by writing back the ``before`` of each of its items; the undone
    change gets ``undone_by``. Undo therefore walks back strictly in reverse order:
    every change newer than the one reverted is an undo or already undone, so the
    records it touched are exactly as it left them, and restoring ``before`` gives the
    map as it was just before it (the store checks this, and raises
    :class:`~ecomap.errors.ConflictError` if the file was edited by other means).
    So a change is never reverted over a later edit of the same records: that later
    edit is newer and is reverted first. Undo does not follow one author: it reverts
    the newest change of anyone. An undo is itself logged (action ``undo``, ``undoes``)
    and gives the records it writes back a new version, so an editor still holding
    the undone version gets a conflict. An undo is not undone (there is no redo);
    :meth:`snapshot_restore` or re-entering the edit serves that purpose.

    References
    ----------
    .. [1] SQLite, "Write-Ahead Logging", https://www.sqlite.org/wal.html
    .. [2] SQLite, "PRAGMA synchronous",
       https://www.sqlite.org/pragma.html#pragma_synchronous
    .. [3] SQLite, "BEGIN IMMEDIATE", https://www.sqlite.org/lang_transaction.html
    """

    def __init__(self, path: Path | str, *, timeout: float = 30.0):
        self._memory = path == ":memory:"
        self.path = None if self._memory else Path(path)
        self.location = ":memory:" if self._memory else str(self.path)
        self._timeout = timeout
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        if self.path is not None:
            self._check_location(self.path)
        try:
            self._conn = sqlite3.connect(
                self.location,
                timeout=timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"SQLiteStore({self.location!r})"

    # -- opening ---------------------------------------------------------------------
    @staticmethod
    def _check_location(path: Path) -> None:
        if path.is_dir():
            raise StoreUnavailable(
                f"cannot open the store {path}: it is a folder; give the path of a store "
                "file (e.g. ecomap.db) inside it"
            )
        if not path.parent.is_dir():
            raise StoreUnavailable(
                f"cannot open the store {path}: the folder {path.parent} does not exist; "
                "create it or choose another path"
            )
        if not path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
            raise StoreUnavailable(
                f"cannot create the store {path}: the folder {path.parent} is read-only; "
                "choose another folder or check its permissions"
            )

    def _prepare(self) -> None:
        """Connection settings, then the schema (created when the file is new)."""

        def settings(conn: sqlite3.Connection) -> None:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA temp_store = MEMORY")
            # 64 MiB of page cache (used only as the map grows): a large import inserts
            # keys in map order, i.e. at random places in the indexes, and with the
            # default 2 MiB cache it spends more time re-reading pages than writing.
            conn.execute("PRAGMA cache_size = -65536")
            conn.execute(_WANTED)

        def journal(conn: sqlite3.Connection) -> None:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")

        self._retrying(settings)
        # Recognise another program's database before changing anything in it.
        state = self._run(self._schema_state, write=False)
        if not self._memory:
            self._retrying(journal)
        if state == "new":
            self._run(self._create_schema, write=True)
        elif state == "old":
            self._run(self._migrate, write=True)

    def _schema_state(self, conn: sqlite3.Connection) -> str:
        application = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if application == 0 and version == 0 and tables == 0:
            return "new"
        if application != APPLICATION_ID:
            raise StoreUnavailable(
                f"{self.location} is an SQLite database but not an ecomap store; "
                "check the path of the store"
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.location} was written by a newer version of ecomap (store "
                f"format {version}, this version reads up to {SCHEMA_VERSION}); "
                "upgrade ecomap to open it"
            )
        return "old" if version < SCHEMA_VERSION else "current"

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Bring a store of an older layout to :data:`SCHEMA_VERSION`.

        Layout 1 is the first; a file of ecomap that carries no version yet (0) has
        its tables and is stamped. Layout 2 adds the tables of participatory collection,
        layout 3 the saved views and their log (:data:`_VIEW_TABLES`); nothing stored
        before is touched.
        """
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            # Stamped as layout 1, which it is; a later layout migrates from there.
            conn.execute("PRAGMA user_version = 1")
        if version < 2:
            # Layout 2 adds the campaigns' tables; nothing of the map is touched.
            _create_campaign_tables(conn)
            conn.execute("PRAGMA user_version = 2")
        if version < 3:
            # Layout 3 adds the saved views' tables; nothing of the map is touched.
            self._create_view_tables(conn)
            conn.execute("PRAGMA user_version = 3")

    def _create_schema(self, conn: sqlite3.Connection) -> None:
        # Another process may have created it since the check: look again under the lock.
        if self._schema_state(conn) == "new":
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            _create_campaign_tables(conn)
            self._create_view_tables(conn)

    # -- transactions and errors -----------------------------------------------------
    def _live(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store {self.location} is closed")
        return self._conn

    def _error(self, exc: sqlite3.Error) -> StoreError:
        """One clear line for what SQLite reported, naming the file and what to check."""
        text = str(exc).lower()
        where = self.location
        if "not a database" in text:
            return StoreUnavailable(
                f"{where} is not an ecomap store (not an SQLite database file); "
                "check the path of the store"
            )
        if "malformed" in text or "corrupt" in text:
            return StoreUnavailable(
                f"{where} is damaged (the database file is corrupt); restore it from "
                "a copy or a backup"
            )
        if "readonly" in text or "read-only" in text:
            return StoreUnavailable(
                f"{where} is read-only: ecomap needs to write the file and, in its "
                f"folder, {Path(where).name}-wal and {Path(where).name}-shm; check the "
                "permissions"
            )
        if "disk i/o" in text:
            return StoreUnavailable(
                f"{where}: the disk reported a read or write error; check that the disk "
                "or network share holding the store is still there"
            )
        if "unable to open" in text:
            return StoreUnavailable(
                f"cannot open the store {where}: check that its folder exists and that "
                "you may read and write there (SQLite also writes files beside it)"
            )
        if _is_busy(exc):
            return StoreUnavailable(
                f"{where} stayed locked by another program for more than "
                f"{self._timeout:g} s; try again, or close the program that holds it"
            )
        if "full" in text:
            return StoreError(f"{where}: the disk is full; nothing was written")
        return StoreError(f"the store {where} failed: {exc}")

    def _retrying(self, work: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``work``; while SQLite reports a lock, wait and retry until the timeout."""
        deadline = time.monotonic() + self._timeout
        delay = 0.005
        with self._lock:
            conn = self._live()
            while True:
                try:
                    return work(conn)
                except sqlite3.Error as exc:
                    if not (_is_busy(exc) and time.monotonic() + delay < deadline):
                        raise self._error(exc) from exc
                # Jitter keeps processes that collided from colliding again in step.
                time.sleep(delay * random.uniform(0.5, 1.5))
                delay = min(delay * 2, 0.25)

    def _run(self, work: Callable[[sqlite3.Connection], _T], *, write: bool) -> _T:
        """``work`` in one transaction; rolled back whole when anything fails."""

        def transaction(conn: sqlite3.Connection) -> _T:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                result = work(conn)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return result

        try:
            return self._retrying(transaction)
        except UnreadableRecord as exc:
            raise exc.at(self.location) from None

    # -- reading ---------------------------------------------------------------------
    def load(self) -> Ecosystem:
        with _no_collection():
            return self._run(self._load, write=False)

    @staticmethod
    def _load(conn: sqlite3.Connection) -> Ecosystem:
        eco = Ecosystem()
        for kind in RecordKind:
            rows = conn.execute(_SELECT_ALL[kind]).fetchall()
            records = _parse([text for _, text in rows], ((kind, key) for key, _ in rows))
            table = eco.records(kind)
            for (key, _), data in zip(rows, records, strict=True):
                table[key] = _record(kind, data, key)
        return eco

    def versions(self, refs: Iterable[RecordRef]) -> dict[RecordRef, int | None]:
        refs = [ref_of(r) for r in refs]
        current = self._run(lambda conn: self._current(conn, refs), write=False)
        return {ref: current[ref][0] if ref in current else None for ref in refs}

    def dependents(self, kind: RecordKind, key: str) -> list[Relation]:
        if RecordKind(kind) is RecordKind.RELATION:
            return []
        rows = self._run(
            lambda conn: conn.execute(_RELATIONS_OF, (key,)).fetchall(),
            write=False,
        )
        refs = [(RecordKind.RELATION, key) for key, _, _ in rows]
        texts = _parse([text for _, _, text in rows], refs)
        return [
            _record(RecordKind.RELATION, data, key)
            for (_, key), data in zip(refs, texts, strict=True)
        ]

    @property
    def revision(self) -> int:
        return self._run(self._revision, write=False)

    @staticmethod
    def _revision(conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]

    @staticmethod
    def _current(
        conn: sqlite3.Connection,
        refs: Iterable[RecordRef],
        sizes: dict[RecordKind, int] | None = None,
    ) -> dict[RecordRef, tuple[int, str]]:
        """Version and stored JSON text of each ref that exists.

        ``sizes`` are the tables' :func:`_sizes`, when the caller has them already.
        """
        sizes = sizes or _sizes(conn)
        # Nothing is looked up in an empty table (the first import of a map).
        keys: dict[RecordKind, set[str]] = {kind: set() for kind in RecordKind if sizes[kind]}
        if not keys:
            return {}
        for kind, key in refs:
            if kind in keys:
                keys[kind].add(key)
        found = {}
        for kind, wanted in keys.items():
            if not wanted:
                continue
            if len(wanted) * 4 >= sizes[kind]:
                # Most of the table is wanted (an import, the undo of one): one scan is
                # faster than a lookup per key.
                rows = (row for row in conn.execute(_SCAN[kind]) if row[0] in wanted)
            else:
                _stage(conn, wanted)
                rows = conn.execute(_SELECT[kind])
            found.update(((kind, key), (version, text)) for key, version, text in rows)
        return found

    # -- writing ---------------------------------------------------------------------
    def apply(
        self,
        upserts: Iterable[Record] = (),
        deletes: Iterable[RecordRef] = (),
        *,
        action: str = "upsert",
        summary: str | None = None,
        author: str | None = None,
        expected: Mapping[RecordRef, int | None] | None = None,
    ) -> Change | None:
        written, removed, expected = prepare_change(upserts, deletes, expected)
        # An import compares and writes every record of a map: no collector passes
        # over the whole map meanwhile (a third of a no-op re-import).
        with _no_collection():
            return self._run(
                lambda conn: self._apply(
                    conn,
                    written,
                    removed,
                    action=action,
                    summary=summary,
                    author=author,
                    expected=expected,
                ),
                write=True,
            )

    def _import(
        self,
        eco: Ecosystem,
        *,
        replace: bool,
        summary: str,
        author: str | None,
        snapshot: bool,
        revision: int | None,
    ) -> Change | None:
        action = "replace" if replace else "import"

        def write(conn: sqlite3.Connection) -> Change | None:
            check_revision(self.location, revision, self._revision(conn))
            if not any(_sizes(conn).values()):
                change = self._fill(conn, eco, action=action, summary=summary, author=author)
            else:
                # A replace reads what is stored inside the transaction that writes:
                # what another process added just before is removed too.
                written = _written(eco)
                change = self._apply(
                    conn,
                    written,
                    self._absent(conn, written) if replace else [],
                    action=action,
                    summary=summary,
                    author=author,
                    expected={},
                )
            if change is not None and snapshot:
                # In the same transaction: a crash leaves both or neither.
                self._snapshot_create(conn, import_snapshot_name(change.id), change.summary)
            return change

        with _no_collection():
            return self._run(write, write=True)

    def _fill(
        self,
        conn: sqlite3.Connection,
        eco: Ecosystem,
        *,
        action: str,
        summary: str | None,
        author: str | None,
    ) -> Change | None:
        """Write a whole map into an empty store, as :meth:`_apply` would.

        Every record is new, so nothing is read, compared or removed: one pass over the
        map encodes each record once, for its row and for its item of the change log.
        """
        change_id = _next_change_id(conn)
        items: list[ChangeItem] = []
        logged: list[str] = []
        rows: dict[RecordKind, list[tuple]] = {}
        encode, item, log = _record_json, items.append, logged.append
        for kind in _NODE_KINDS:
            kept, row_of = rows.setdefault(kind, []), _ROW[kind]
            head = f'{{"kind":"{kind._value_}","key":'
            for key, record in eco.records(kind).items():
                data = record.record()
                text = encode(data)
                item(ChangeItem(kind, key, None, data))
                log(f'{head}{_encode_key(key)},"before":null,"after":{text}}}')
                kept.append(row_of(record, key, change_id, text))
        plain: list[tuple] = []
        full: list[tuple] = []
        relation = RecordKind.RELATION
        for rowid, (key, record) in enumerate(eco.relations.items(), 1):
            data = record.record()
            text = encode(data)
            item(ChangeItem(relation, key, None, data))
            log(f'{{"kind":"relation","key":{_encode_key(key)},"before":null,"after":{text}}}')
            _relation_row_into(plain, full, rowid, key, data, change_id, text)
        if not items:
            return None
        nodes = {key: kind for kind in _NODE_KINDS for key in eco.records(kind)}
        if len(nodes) < sum(map(len, rows.values())):
            raise _two_kinds((kind, key) for kind in _NODE_KINDS for key in eco.records(kind))
        missing = _ends(plain, full) - nodes.keys()
        if missing:
            raise _missing_ends(eco.relations, missing)
        at = _now()
        summary = summary or change_summary(action, items)
        _log_change(conn, change_id, at, action, summary, author, logged)
        _insert(conn, rows, plain, full, relations_were_empty=True)
        return Change(change_id, at, action, summary, author, tuple(items))

    @staticmethod
    def _absent(conn: sqlite3.Connection, kept: Mapping[RecordRef, Any]) -> list[RecordRef]:
        """The refs of the stored records that are not in ``kept``, in stored order."""
        return [
            (kind, key)
            for kind in RecordKind
            for (key,) in conn.execute(_KEYS[kind])
            if (kind, key) not in kept
        ]

    def _apply(
        self,
        conn: sqlite3.Connection,
        written: dict[RecordRef, Record],
        removed: list[RecordRef],
        *,
        action: str,
        summary: str | None,
        author: str | None,
        expected: dict[RecordRef, int | None],
        undoes: Change | None = None,
    ) -> Change | None:
        sizes = _sizes(conn)
        current = self._current(conn, [*written, *removed, *expected], sizes)
        stale = [ref for ref, v in expected.items() if current.get(ref, (None,))[0] != v]
        if stale:
            raise ConflictError(
                f"{quoted_refs(stale)} changed in {self.location} since it was read; nothing "
                "was written: reload and make the edit again",
                keys=[key for _, key in stale],
            )
        gone = dict.fromkeys(ref for ref in removed if ref in current)
        gone_nodes = [key for kind, key in gone if kind is not RecordKind.RELATION]
        if gone_nodes:
            _stage(conn, gone_nodes)
            attached = [(RecordKind.RELATION, key) for (key,) in conn.execute(_RELATIONS_OF_ANY)]
            # Often listed already (a replace, the undo of an import): read only the rest.
            current.update(self._current(conn, [r for r in attached if r not in current], sizes))
            gone.update((ref, None) for ref in attached if ref not in written)
        # Only what differs from the store is written and logged, so a re-import of the
        # same map is a no-op; equal JSON text is recognised without parsing it. Each
        # record is encoded once: the same text goes to its row and to the change log.
        change_id = _next_change_id(conn)
        added: list[tuple[RecordRef, dict[str, Any], str]] = []
        rows: dict[RecordKind, list[tuple]] = {kind: [] for kind in _NODE_KINDS}
        # New relations in two lists (see _relation_row_into).
        plain: list[tuple] = []
        full: list[tuple] = []
        rowid = sizes[RecordKind.RELATION]
        differing: list[tuple[RecordRef, dict[str, Any], str]] = []
        stored_text, encode, add = current.get, _record_json, added.append
        for ref, record in written.items():
            data = record.record()
            text = encode(data)
            stored = stored_text(ref)
            if stored is None:
                add((ref, data, text))
                if ref[0] is not RecordKind.RELATION:
                    rows[ref[0]].append(_ROW[ref[0]](record, ref[1], change_id, text))
                    continue
                rowid += 1
                _relation_row_into(plain, full, rowid, ref[1], data, change_id, text)
            elif stored[1] != text:
                differing.append((ref, data, text))
        old = [ref for ref, _, _ in differing] + list(gone)
        before = dict(zip(old, _parse([current[ref][1] for ref in old], old), strict=True))
        if undoes is not None:
            self._check_undoable(undoes, current, before)
        # Another text may still be the same record (custom fields in another order).
        changed = [entry for entry in differing if before[entry[0]] != entry[1]]
        if not (changed or gone or added):
            return None
        self._check_integrity(conn, written, [ref for ref, _, _ in added], gone, sizes)
        updated: dict[RecordKind, list[tuple]] = {kind: [] for kind in RecordKind}
        for (kind, key), _, text in changed:
            updated[kind].append(_ROW[kind](written[kind, key], key, change_id, text))
        deleted: dict[RecordKind, list[tuple[str]]] = {kind: [] for kind in RecordKind}
        for kind, key in gone:
            deleted[kind].append((key,))

        items = [ChangeItem(kind, key, before[kind, key], data) for (kind, key), data, _ in changed]
        items += [ChangeItem(kind, key, before[kind, key], None) for kind, key in gone]
        items += [ChangeItem(kind, key, None, data) for (kind, key), data, _ in added]
        logged = [
            *(_logged(ref, current[ref][1], text) for ref, _, text in changed),
            *(_logged(ref, current[ref][1], "null") for ref in gone),
            *(_logged(ref, "null", text) for ref, _, text in added),
        ]
        at = _now()
        summary = summary or change_summary(action, items)
        _log_change(conn, change_id, at, action, summary, author, logged, undoes)
        for kind in RecordKind:
            if deleted[kind]:
                conn.executemany(_DELETE[kind], deleted[kind])
        for kind in RecordKind:
            if updated[kind]:
                conn.executemany(_UPSERT[kind], updated[kind])
        # Rows that were not there when the transaction read them: plain inserts.
        _insert(conn, rows, plain, full, relations_were_empty=not sizes[RecordKind.RELATION])
        return Change(
            change_id, at, action, summary, author, tuple(items), None, undoes and undoes.id
        )

    def _check_undoable(
        self,
        change: Change,
        current: dict[RecordRef, tuple[int, str]],
        parsed: dict[RecordRef, dict[str, Any]],
    ) -> None:
        """Every record ``change`` touched is still as it left it (see the class Notes)."""
        moved = []
        for item in change.items:
            ref = (item.kind, item.key)
            if ref in parsed:
                now = parsed[ref]
            else:
                now = json.loads(current[ref][1]) if ref in current else None
            if now != item.after:
                moved.append(ref)
        if moved:
            raise ConflictError(
                f"cannot undo change {change.id}: {quoted_refs(moved)} no longer as it left "
                f"them in {self.location}",
                keys=[key for _, key in moved],
            )

    def _check_integrity(
        self,
        conn: sqlite3.Connection,
        written: dict[RecordRef, Record],
        added: list[RecordRef],
        removed: Iterable[RecordRef],
        sizes: dict[RecordKind, int],
    ) -> None:
        """Relations point at nodes that exist after the change; one id space for nodes.

        ``added`` are the written records that were not in their table; ``sizes`` the
        tables' :func:`_sizes` before the change.
        """
        gone = {key for kind, key in removed if kind is not RecordKind.RELATION}
        relation = RecordKind.RELATION
        new_nodes = {key: kind for kind, key in written if kind is not relation}
        relations = {key: r for (kind, key), r in written.items() if kind is relation}
        if len(new_nodes) + len(relations) < len(written):
            raise _two_kinds(written)
        # A node already in its own table cannot take an id of another table, and no
        # node can when there are none yet.
        fresh = [key for (kind, key) in added if kind is not RecordKind.RELATION]
        if fresh and any(sizes[kind] for kind in _NODE_KINDS):
            _stage(conn, fresh)
            for kind, key in conn.execute(_NODES_NAMED).fetchall():
                if kind != new_nodes[key] and key not in gone:
                    raise StoreError(
                        f"{key!r} is already the id of {_A[kind]}; actors, stakes and spaces "
                        "share one id space: choose another id"
                    )
        ends = set(map(_SOURCE, relations.values()))
        ends.update(map(_TARGET, relations.values()))
        ends.update(map(_STAKE, relations.values()))
        ends.discard(None)
        elsewhere = ends - new_nodes.keys()
        if not elsewhere:
            return
        _stage(conn, elsewhere)
        known = {key for _, key in conn.execute(_NODES_NAMED)}
        if not elsewhere - known and not elsewhere & gone:
            return
        raise _missing_ends(relations, (elsewhere - known) | (elsewhere & gone))

    # -- history ---------------------------------------------------------------------
    def history(self, limit: int | None = 50, *, items: bool = True) -> list[Change]:
        # Without items, SQLite counts them (json_array_length, in C) and Python parses
        # nothing: a 50,000-record import is one integer instead of 100,000 dicts.
        query = _HISTORY if items else _HISTORY_COUNTED
        rows = self._run(
            lambda conn: conn.execute(query, (-1 if limit is None else limit,)).fetchall(),
            write=False,
        )
        return [_change(row) for row in rows]

    def change(self, change_id: int) -> Change | None:
        row = self._run(
            lambda conn: conn.execute(
                "SELECT id, at, action, summary, author, items, undone_by, undoes "
                "FROM changes WHERE id = ?",
                (change_id,),
            ).fetchone(),
            write=False,
        )
        return None if row is None else _change(row)

    def undo(self, *, author: str | None = None) -> Change | None:
        return self._run(lambda conn: self._undo(conn, author), write=True)

    def _undo(self, conn: sqlite3.Connection, author: str | None) -> Change | None:
        row = conn.execute(
            "SELECT id, at, action, summary, author, items, undone_by, undoes FROM changes "
            "WHERE undone_by IS NULL AND action <> 'undo' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        change = _change(row)
        written = {
            (item.kind, item.key): _record(item.kind, item.before)
            for item in change.items
            if item.before is not None
        }
        removed = [(item.kind, item.key) for item in change.items if item.before is None]
        undo = self._apply(
            conn,
            written,
            removed,
            action="undo",
            summary=f"undid change {change.id}: {change.summary}",
            author=author,
            expected={},
            undoes=change,
        )
        conn.execute("UPDATE changes SET undone_by = ? WHERE id = ?", (undo.id, change.id))
        return undo

    # -- snapshots -------------------------------------------------------------------
    def snapshot_create(self, name: str, note: str | None = None) -> SnapshotInfo:
        if not name or not name.strip():
            raise StoreError("a snapshot needs a name")
        return self._run(lambda conn: self._snapshot_create(conn, name, note), write=True)

    def _snapshot_create(
        self, conn: sqlite3.Connection, name: str, note: str | None
    ) -> SnapshotInfo:
        if conn.execute("SELECT 1 FROM snapshots WHERE name = ?", (name,)).fetchone():
            raise StoreError(
                f"a snapshot named {name!r} already exists in {self.location}; choose another name"
            )
        # The stored texts are the records in the exchange format: the snapshot is the
        # map's JSON document, assembled without parsing a single record.
        parts = ['{"format":"ecomap","version":1']
        counts = {}
        for kind in (RecordKind.ACTOR, RecordKind.STAKE, RecordKind.SPACE, RecordKind.RELATION):
            texts = [text for _, text in conn.execute(_SELECT_ALL[kind])]
            counts[kind.plural] = len(texts)
            parts.append(f',"{kind.plural}":[' + ",".join(texts) + "]")
        at = _now()
        conn.execute(
            "INSERT INTO snapshots (name, at, note, revision, counts, map) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (name, at.isoformat(), note, self._revision(conn), _to_json(counts),
             "".join(parts) + "}"),
        )  # fmt: skip
        return SnapshotInfo(name, at, note, counts)

    def snapshot_list(self) -> list[SnapshotInfo]:
        rows = self._run(
            lambda conn: conn.execute(
                "SELECT name, at, note, counts FROM snapshots ORDER BY id"
            ).fetchall(),
            write=False,
        )
        return [
            SnapshotInfo(name, datetime.fromisoformat(at), note, json.loads(counts))
            for name, at, note, counts in rows
        ]

    def snapshot_load(self, name: str) -> Ecosystem:
        with _no_collection():
            return _map_of(self._run(lambda conn: self._snapshot(conn, name), write=False))

    def snapshot_restore(self, name: str, *, author: str | None = None) -> Change | None:
        def restore(conn: sqlite3.Connection) -> Change | None:
            # Read inside the write transaction: what another process wrote just before
            # is part of what the restore replaces.
            written = _written(_map_of(self._snapshot(conn, name)))
            return self._apply(
                conn,
                written,
                self._absent(conn, written),
                action="restore",
                summary=f"restored snapshot '{name}'",
                author=author,
                expected={},
            )

        with _no_collection():
            return self._run(restore, write=True)

    def _snapshot(self, conn: sqlite3.Connection, name: str) -> str:
        """The JSON document of a snapshot."""
        row = conn.execute("SELECT map FROM snapshots WHERE name = ?", (name,)).fetchone()
        if row is not None:
            return row[0]
        names = [n for (n,) in conn.execute("SELECT name FROM snapshots ORDER BY id")]
        available = (
            "available: " + ", ".join(repr(n) for n in names)
            if names
            else "there are no snapshots yet"
        )
        raise StoreError(f"no snapshot named {name!r} in {self.location}; {available}")

    # -- backup ----------------------------------------------------------------------
    def backup(self, target: Path | str, *, overwrite: bool = False) -> Path:
        """Write a consistent copy of the store to ``target``, one file, while it is in use.

        Parameters
        ----------
        target : Path or str
            The file to write. Its folder must exist.
        overwrite : bool
            Replace ``target`` when it exists; else refuse.

        Returns
        -------
        Path
            ``target``.

        Raises
        ------
        StoreError
            When ``target`` exists (and not ``overwrite``), is the store itself, is a
            folder, or cannot be written; nothing is left behind then.

        Notes
        -----
        A copy of the store's file alone misses every change still in its write-ahead
        log (``<file>-wal``): while the explorer is open, that is every recent edit.
        SQLite's online backup [1]_ copies the database as one transaction sees it,
        log included, while other connections keep reading and writing. The copy is
        written beside ``target`` and renamed into place, so an interrupted backup
        never leaves a half-written file under ``target``'s name; a leftover
        ``<target>-wal`` or ``<target>-shm`` of a file formerly there is removed, as
        SQLite would otherwise replay it over the copy.

        References
        ----------
        .. [1] SQLite, "Online Backup API", https://www.sqlite.org/backup.html

        Examples
        --------
        >>> import tempfile
        >>> from ecomap.model import Actor
        >>> folder = Path(tempfile.mkdtemp())
        >>> store = SQLiteStore(folder / "ecomap.db")
        >>> _ = store.upsert([Actor(id="mairie", name="Mairie", kind="institution")])
        >>> copy = SQLiteStore(store.backup(folder / "copie.db"))
        >>> list(copy.load().actors), copy.revision
        (['mairie'], 1)
        >>> copy.close(); store.close()
        """
        target = Path(target)
        if self.path is not None and target.resolve() == self.path.resolve():
            raise StoreError(
                f"cannot back up the store {self.location} onto itself: give another path"
            )
        if target.is_dir():
            raise StoreError(
                f"cannot write the backup {target}: it is a folder; give a file path "
                f"(e.g. {target / 'ecomap-sauvegarde.db'})"
            )
        if not target.parent.is_dir():
            raise StoreError(
                f"cannot write the backup {target}: the folder {target.parent} does not "
                "exist; create it or choose another path"
            )
        if target.exists() and not overwrite:
            raise StoreError(
                f"{target} already exists: choose another name, or add --force to replace it"
            )
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            copy = sqlite3.connect(partial)
            try:
                with self._lock:
                    self._live().backup(copy)
            finally:
                copy.close()
            for leftover in (f"{target}-wal", f"{target}-shm"):
                Path(leftover).unlink(missing_ok=True)
            os.replace(partial, target)
        except (sqlite3.Error, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise StoreError(
                f"cannot write the backup {target}: {exc}; check the folder's free "
                "space and permissions"
            ) from None
        return target

    # -- the store's own settings ------------------------------------------------------
    def setting(self, name: str) -> str | None:
        def read(conn: sqlite3.Connection) -> str | None:
            if conn.execute(_SETTINGS_EXIST).fetchone() is None:
                return None
            row = conn.execute(_READ_SETTING, (name,)).fetchone()
            return row[0] if row else None

        return self._run(read, write=False)

    def keep_setting(self, name: str, value: str) -> str:
        def keep(conn: sqlite3.Connection) -> str:
            conn.execute(_SETTINGS_TABLE)
            conn.execute(_KEEP_SETTING, (name, value))
            return conn.execute(_READ_SETTING, (name,)).fetchone()[0]

        return self._run(keep, write=True)

    # -- participatory collection (ecomap.collection) ----------------------------------
    # Campaigns, their links (hashes only), the staged answers and the decisions on
    # them: beside the map, never part of it (not in its change log nor snapshots).
    def campaign_create(self, record: dict[str, Any], *, author: str | None = None) -> int:
        """Keep a new open campaign (``record``: its fields as JSON); return its id."""
        record = {**record, "created_by": author or record.get("created_by")}
        return self._run(
            lambda conn: (
                conn.execute(
                    "INSERT INTO campaigns (state, record) VALUES ('open', ?)", (_to_json(record),)
                ).lastrowid
            ),
            write=True,
        )

    def campaign_records(self) -> list[dict[str, Any]]:
        """Every campaign: ``{id, state, record}``, by id."""
        rows = self._run(
            lambda conn: conn.execute("SELECT id, state, record FROM campaigns ORDER BY id")
            .fetchall(),
            write=False,
        )  # fmt: skip
        return [{"id": i, "state": state, "record": json.loads(text)} for i, state, text in rows]

    def campaign_record(self, campaign_id: int) -> dict[str, Any] | None:
        row = self._run(
            lambda conn: conn.execute(
                "SELECT id, state, record FROM campaigns WHERE id = ?", (campaign_id,)
            ).fetchone(),
            write=False,
        )
        return (
            None if row is None else {"id": row[0], "state": row[1], "record": json.loads(row[2])}
        )

    def campaign_set_state(self, campaign_id: int, state: str) -> None:
        def write(conn: sqlite3.Connection) -> None:
            done = conn.execute("UPDATE campaigns SET state = ? WHERE id = ?", (state, campaign_id))
            if done.rowcount == 0:
                raise StoreError(f"there is no campaign {campaign_id} in {self.location}")

        self._run(write, write=True)

    def campaign_issue_links(self, campaign_id: int, links: list[tuple[str, str]], at: str) -> None:
        """Keep new links (``(respondent, hash)``); the respondents' earlier links are
        revoked in the same transaction."""

        def write(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "UPDATE campaign_links SET revoked_at = ? "
                "WHERE campaign = ? AND respondent = ? AND revoked_at IS NULL",
                [(at, campaign_id, respondent) for respondent, _ in links],
            )
            conn.executemany(
                "INSERT INTO campaign_links (hash, campaign, respondent, issued_at) "
                "VALUES (?, ?, ?, ?)",
                [(digest, campaign_id, respondent, at) for respondent, digest in links],
            )

        self._run(write, write=True)

    def campaign_revoke_links(self, campaign_id: int, respondents: list[str], at: str) -> int:
        """Revoke the respondents' active links; how many were revoked."""
        return self._run(
            lambda conn: sum(
                conn.execute(
                    "UPDATE campaign_links SET revoked_at = ? "
                    "WHERE campaign = ? AND respondent = ? AND revoked_at IS NULL",
                    (at, campaign_id, respondent),
                ).rowcount
                for respondent in respondents
            ),
            write=True,
        )

    def campaign_link(self, digest: str) -> dict[str, Any] | None:
        """The link kept under this hash: ``{hash, campaign, respondent, issued_at,
        revoked_at}``, or None."""
        row = self._run(
            lambda conn: conn.execute(
                "SELECT hash, campaign, respondent, issued_at, revoked_at FROM campaign_links "
                "WHERE hash = ?",
                (digest,),
            ).fetchone(),
            write=False,
        )
        if row is None:
            return None
        return dict(zip(("hash", "campaign", "respondent", "issued_at", "revoked_at"), row,
                        strict=True))  # fmt: skip

    def campaign_links(self, campaign_id: int) -> list[dict[str, Any]]:
        """The campaign's links, without their hashes: ``{respondent, issued_at, revoked_at}``."""
        rows = self._run(
            lambda conn: conn.execute(
                "SELECT respondent, issued_at, revoked_at FROM campaign_links "
                "WHERE campaign = ? ORDER BY issued_at, respondent",
                (campaign_id,),
            ).fetchall(),
            write=False,
        )
        return [{"respondent": r, "issued_at": i, "revoked_at": v} for r, i, v in rows]

    def campaign_save_answers(self, digest: str, answers: dict[str, Any], at: str) -> bool:
        """Replace the answers of the link's respondent, in one transaction that first
        checks the link is active and its campaign open; False (nothing written) if not."""

        def write(conn: sqlite3.Connection) -> bool:
            row = conn.execute(
                "SELECT l.campaign, l.respondent FROM campaign_links l "
                "JOIN campaigns c ON c.id = l.campaign "
                "WHERE l.hash = ? AND l.revoked_at IS NULL AND c.state = 'open'",
                (digest,),
            ).fetchone()
            if row is None:
                return False
            conn.execute(
                "INSERT INTO campaign_answers (campaign, respondent, saved_at, answers) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (campaign, respondent) DO UPDATE SET "
                "saved_at = excluded.saved_at, answers = excluded.answers",
                (row[0], row[1], at, _to_json(answers)),
            )
            return True

        return self._run(write, write=True)

    def campaign_answers(
        self, campaign_id: int, respondent: str | None = None
    ) -> list[dict[str, Any]]:
        """Staged answers: ``{respondent, saved_at, answers}``, by respondent."""
        rows = self._run(
            lambda conn: conn.execute(
                "SELECT respondent, saved_at, answers FROM campaign_answers WHERE campaign = ?1 "
                "AND (?2 IS NULL OR respondent = ?2) ORDER BY respondent",
                (campaign_id, respondent),
            ).fetchall(),
            write=False,
        )
        return [{"respondent": r, "saved_at": at, "answers": json.loads(text)}
                for r, at, text in rows]  # fmt: skip

    def campaign_decisions(self, campaign_id: int) -> list[dict[str, Any]]:
        """Decisions on the campaign's proposals: ``{seq, key, fingerprint, state, by, at,
        change_id, proposal}``, in the order taken."""
        rows = self._run(
            lambda conn: conn.execute(
                "SELECT seq, key, fingerprint, state, author, at, change_id, proposal "
                "FROM campaign_decisions WHERE campaign = ? ORDER BY seq",
                (campaign_id,),
            ).fetchall(),
            write=False,
        )
        names = ("seq", "key", "fingerprint", "state", "by", "at", "change_id", "proposal")
        return [{**dict(zip(names, row, strict=True)), "proposal": json.loads(row[7])}
                for row in rows]  # fmt: skip

    @staticmethod
    def _decide(
        conn: sqlite3.Connection,
        campaign_id: int,
        decisions: list[dict[str, Any]],
        author: str | None,
        change_id: int | None,
    ) -> None:
        at = _now().isoformat()
        conn.executemany(
            "INSERT INTO campaign_decisions "
            "(campaign, key, fingerprint, state, author, at, change_id, proposal) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(campaign_id, d["key"], d["fingerprint"], d["state"], author, at, change_id,
              _to_json(d["proposal"])) for d in decisions],
        )  # fmt: skip

    def campaign_decide(
        self, campaign_id: int, decisions: list[dict[str, Any]], *, author: str | None = None
    ) -> None:
        """Keep decisions that change nothing in the map (rejections)."""
        self._run(lambda conn: self._decide(conn, campaign_id, decisions, author, None),
                  write=True)  # fmt: skip

    def campaign_accept(
        self,
        campaign_id: int,
        upserts: list[Record],
        decisions: list[dict[str, Any]],
        *,
        author: str | None = None,
        revision: int | None = None,
    ) -> Change | None:
        """Write the accepted records as one change (action ``import``, with its
        ``import-N`` snapshot) and keep the decisions, in one transaction; when the
        store moved on since ``revision`` (the one the proposals were read at), nothing
        is written (:class:`~ecomap.errors.ConflictError`)."""
        written, _, _ = prepare_change(upserts, (), None)

        def write(conn: sqlite3.Connection) -> Change | None:
            check_revision(self.location, revision, self._revision(conn))
            change = self._apply(conn, written, [], action="import", summary=None,
                                 author=author, expected={})  # fmt: skip
            if change is not None:
                self._snapshot_create(conn, import_snapshot_name(change.id), change.summary)
            self._decide(conn, campaign_id, decisions, author, change and change.id)
            return change

        with _no_collection():
            return self._run(write, write=True)

    # -- lifetime --------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is not None:
                conn.close()

    # -- saved views (ecomap.views.saved): kept with the map, not part of it -------------
    @staticmethod
    def _create_view_tables(conn: sqlite3.Connection) -> None:
        for statement in _VIEW_TABLES:
            conn.execute(statement)

    def _view_records(self) -> list[dict[str, Any]]:
        rows = self._run(lambda conn: conn.execute(_READ_VIEWS).fetchall(), write=False)
        return _parse([record for _, record in rows])

    def _write_views(
        self,
        plan: Callable[[list[dict[str, Any]]], tuple[list[dict[str, Any]], list[str],
                                                     list[dict[str, Any]]]],
        *,
        action: str,
        summary: str,
        author: str | None,
    ) -> ViewChange | None:  # fmt: skip
        def work(conn: sqlite3.Connection) -> ViewChange | None:
            rows = conn.execute(_READ_VIEWS).fetchall()
            written, deleted, before = plan(_parse([record for _, record in rows]))
            if not written and not deleted:
                return None
            conn.executemany(_DELETE_VIEW, [(view_id,) for view_id in deleted])
            # Names are unique: a view's old row goes before another takes its name.
            conn.executemany(_DELETE_VIEW, [(record["id"],) for record in written])
            conn.executemany(_INSERT_VIEW, [(r["id"], r["name"], r["order"], _to_json(r))
                                            for r in written])  # fmt: skip
            at = _now()
            cursor = conn.execute(_LOG_VIEW_CHANGE, (at.isoformat(), action, summary, author,
                                                     _to_json(before), _to_json(written)))  # fmt: skip
            return ViewChange(cursor.lastrowid, at, action, summary, author, tuple(before),
                              tuple(written))  # fmt: skip

        return self._run(work, write=True)

    def view_history(self, limit: int | None = 50) -> list[ViewChange]:
        rows = self._run(
            lambda conn: conn.execute(_VIEW_HISTORY, (-1 if limit is None else limit,)).fetchall(),
            write=False,
        )
        return [ViewChange(row[0], datetime.fromisoformat(row[1]), row[2], row[3], row[4],
                           tuple(json.loads(row[5])), tuple(json.loads(row[6])))
                for row in rows]  # fmt: skip

    # -- the explorer's first read ---------------------------------------------------
    def load_versioned(self) -> tuple[int, Ecosystem, dict[RecordRef, int]]:
        """The revision, the map and every record's version, read in one transaction
        (one pass over each table): what :meth:`load`, :meth:`versions` of every record
        and :attr:`revision` give, consistent with each other without reading twice.

        Only the reading holds the store: the records are made from the rows read after
        (most of the time on a large map), so that another reader, a page asking for the
        revision, is not kept waiting meanwhile."""
        with _no_collection():
            revision, tables = self._run(self._rows_versioned, write=False)
            eco, versions = Ecosystem(), {}
            try:
                for kind, rows in tables.items():
                    records = _parse([text for _, _, text in rows],
                                     ((kind, key) for key, _, _ in rows))  # fmt: skip
                    table = eco.records(kind)
                    for (key, version, _), data in zip(rows, records, strict=True):
                        table[key] = _record(kind, data, key)
                        versions[(kind, key)] = version
            except UnreadableRecord as exc:
                raise exc.at(self.location) from None
            return revision, eco, versions

    @classmethod
    def _rows_versioned(cls, conn: sqlite3.Connection) -> tuple[int, dict[RecordKind, list]]:
        tables = {kind: conn.execute(_SELECT_VERSIONED[kind]).fetchall() for kind in RecordKind}
        return cls._revision(conn), tables


@contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a map is built.

    Records hold no reference cycles, but each collection pass during a load rescans
    every record built so far: on 100,000 relations that is a third of the load time.
    The collector is left as it was found (an application may have paused it itself).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was built meanwhile goes to the oldest generation unscanned: otherwise
        # the first young collection after the pause scans all of it at once.
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def _parse(texts: list[str], kinds_and_keys: Iterable[RecordRef] = ()) -> list[Any]:
    """JSON texts parsed as one document: three times faster than one by one.

    When that fails, each text is parsed alone to name the first that is not JSON, by
    its kind and key from ``kinds_and_keys`` (in the order of ``texts``).

    Raises
    ------
    UnreadableRecord
        When a text is not JSON (a row cut short or altered).
    """
    try:
        parsed = json.loads("[" + ",".join(texts) + "]")
        if len(parsed) == len(texts):
            return parsed
    except ValueError:
        pass
    refs = iter(kinds_and_keys)
    for text in texts:
        kind, key = next(refs, (RecordKind.ACTOR, None))
        try:
            json.loads(text)
        except ValueError:
            raise UnreadableRecord(
                kind.value,
                _shown_key(kind, key),
                None,
                None,
                "its stored text is not valid JSON (cut short or altered)",
            ) from None
    raise StoreError("the store's records cannot be read")  # every text parsed alone


def _written(eco: Ecosystem) -> dict[RecordRef, Record]:
    """Every record of a map by ref, with the map's own keys.

    An :class:`~ecomap.model.Ecosystem` keys nodes by id and relations by identity:
    computing each relation's identity again would be a tenth of a large import.
    """
    written: dict[RecordRef, Record] = {}
    for kind in RecordKind:
        table = eco.records(kind)
        refs = zip(repeat(kind, len(table)), table, strict=True)
        written.update(zip(refs, table.values(), strict=True))
    return written


def _map_of(document: str) -> Ecosystem:
    """The map a JSON document of the exchange format (as this store wrote it) holds."""
    data = json.loads(document)
    eco = Ecosystem()
    for kind in RecordKind:
        for record in data[kind.plural]:
            eco.add(_record(kind, record))
    return eco


def _sizes(conn: sqlite3.Connection) -> dict[RecordKind, int]:
    """For each table, a number at least its number of rows, and 0 only when it is empty."""
    return {kind: conn.execute(_SIZE[kind]).fetchone()[0] for kind in RecordKind}


def _stage(conn: sqlite3.Connection, keys: Iterable[str]) -> None:
    """Make ``keys`` the content of the temporary table ``wanted``."""
    conn.execute("DELETE FROM temp.wanted")
    conn.executemany("INSERT OR IGNORE INTO temp.wanted (key) VALUES (?)", ((k,) for k in keys))


def _node_row(record: Actor | Space, key: str, version: int, text: str) -> tuple:
    return key, record.kind._value_, version, text


def _stake_row(record: Stake, key: str, version: int, text: str) -> tuple:
    return key, version, text


def _relation_row(record: Relation, key: str, version: int, text: str) -> tuple:
    return (key, record.id, record.type._value_, record.source, record.target, record.stake,
            version, text)  # fmt: skip


#: The table row of a record: its key, the columns searched on, version, JSON text.
_ROW: dict[RecordKind, Callable[[Any, str, int, str], tuple]] = {
    RecordKind.ACTOR: _node_row,
    RecordKind.STAKE: _stake_row,
    RecordKind.SPACE: _node_row,
    RecordKind.RELATION: _relation_row,
}


def _logged(ref: RecordRef, before: str, after: str) -> str:
    """One item of the change log, from the JSON texts of the record before and after."""
    return f'{{"kind":"{ref[0]._value_}","key":{_encode_key(ref[1])},"before":{before},"after":{after}}}'


def _relation_row_into(
    plain: list[tuple],
    full: list[tuple],
    rowid: int,
    key: str,
    data: dict[str, Any],
    version: int,
    text: str,
) -> None:
    """Add the row of a new relation (``data``: its exchange record) to one of two lists.

    ``plain`` takes relations without id and stake, in the short form of
    :data:`_INSERT_PLAIN_RELATION`: binding None costs more than a whole column, and
    most relations have neither. ``rowid`` keeps the relations in the order written.
    """
    if "id" in data or "stake" in data:
        full.append((rowid, key, data.get("id"), data["type"], data["source"], data["target"],
                     data.get("stake"), version, text))  # fmt: skip
    else:
        plain.append((rowid, key, data["type"], data["source"], data["target"], version, text))


def _ends(plain: list[tuple], full: list[tuple]) -> set[str]:
    """The nodes that the relation rows of :func:`_relation_row_into` refer to."""
    ends = set(map(itemgetter(3), plain))
    ends.update(map(itemgetter(4), plain))
    for column in (4, 5, 6):
        ends.update(map(itemgetter(column), full))
    ends.discard(None)
    return ends


def _insert(
    conn: sqlite3.Connection,
    nodes: dict[RecordKind, list[tuple]],
    plain: list[tuple],
    full: list[tuple],
    *,
    relations_were_empty: bool,
) -> None:
    """Insert new rows: nodes (:data:`_ROW`) and relations (:func:`_relation_row_into`)."""
    for kind in _NODE_KINDS:
        if nodes.get(kind):
            conn.executemany(_INSERT[kind], nodes[kind])
    reindex = relations_were_empty and len(plain) + len(full) >= _REINDEX_FROM
    if reindex:
        # Into an empty table, the relations and then their indexes sorted at once
        # are written faster than each relation into every index in turn.
        for index in _RELATION_INDEXES:
            conn.execute(f"DROP INDEX {index}")
    if plain:
        conn.executemany(_INSERT_PLAIN_RELATION, plain)
    if full:
        conn.executemany(_INSERT[RecordKind.RELATION], full)
    if reindex:
        for statement in _RELATION_INDEXES.values():
            conn.execute(statement)


def _log_change(
    conn: sqlite3.Connection,
    change_id: int,
    at: datetime,
    action: str,
    summary: str,
    author: str | None,
    logged: list[str],
    undoes: Change | None = None,
) -> None:
    """Add a change to the log; ``logged``: its items as :func:`_logged` writes them."""
    conn.execute(
        "INSERT INTO changes (id, at, action, summary, author, items, undoes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (change_id, at.isoformat(), action, summary, author, "[" + ",".join(logged) + "]",
         undoes and undoes.id),
    )  # fmt: skip


def _two_kinds(refs: Iterable[RecordRef]) -> StoreError:
    """The error for the first node id that ``refs`` name as two kinds of node."""
    first: dict[str, RecordKind] = {}
    for kind, key in refs:
        if kind is not RecordKind.RELATION and first.setdefault(key, kind) is not kind:
            return StoreError(
                f"{key!r} is written both as {_A[first[key]]} and as {_A[kind]}; actors, "
                "stakes and spaces share one id space"
            )
    raise AssertionError("no node id is written as two kinds of node")


def _missing_ends(relations: Mapping[str, Relation], missing: set[str]) -> StoreError:
    """The error for relations (by key) that refer to ``missing`` nodes."""
    named: dict[str, str] = {}  # in the order of the relations that name them
    for key, record in relations.items():
        for end in (record.source, record.target, record.stake):
            if end in missing:
                named.setdefault(end, key)
    shown = ", ".join(f"{end!r} (relation {key})" for end, key in list(named.items())[:5])
    more = f" and {len(named) - 5} more" if len(named) > 5 else ""
    return StoreError(
        f"relations refer to nodes that are not in the map: {shown}{more}; "
        "add those actors, stakes or spaces first; nothing was written"
    )


def _next_change_id(conn: sqlite3.Connection) -> int:
    """The id the next change gets (as AUTOINCREMENT would give it: never one used before).

    Known before the change is logged, so that its rows are built with their version
    in one pass; exact because the caller holds the write lock.
    """
    return conn.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0), "
        "coalesce((SELECT max(id) FROM changes), 0)) + 1"
    ).fetchone()[0]


_HISTORY = (
    "SELECT id, at, action, summary, author, items, undone_by, undoes "
    "FROM changes ORDER BY id DESC LIMIT ?"
)
_HISTORY_COUNTED = (
    "SELECT id, at, action, summary, author, json_array_length(items), undone_by, undoes "
    "FROM changes ORDER BY id DESC LIMIT ?"
)


def _change(row: tuple) -> Change:
    """A change from its row; ``items`` is the log's JSON text, or just their count."""
    change_id, at, action, summary, author, items, undone_by, undoes = row
    counted = isinstance(items, int)
    return Change(
        change_id,
        datetime.fromisoformat(at),
        action,
        summary,
        author,
        ()
        if counted
        else tuple(
            ChangeItem(_KINDS[item["kind"]], item["key"], item["before"], item["after"])
            for item in json.loads(items)
        ),
        undone_by,
        undoes,
        item_count=items if counted else None,
    )


_CAMPAIGN_TABLES = (
    "CREATE TABLE IF NOT EXISTS campaigns (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "state TEXT NOT NULL, record TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS campaign_links (hash TEXT PRIMARY KEY, "
    "campaign INTEGER NOT NULL REFERENCES campaigns (id), respondent TEXT NOT NULL, "
    "issued_at TEXT NOT NULL, revoked_at TEXT)",
    "CREATE INDEX IF NOT EXISTS campaign_links_respondent ON campaign_links (campaign, respondent)",
    "CREATE TABLE IF NOT EXISTS campaign_answers ("
    "campaign INTEGER NOT NULL REFERENCES campaigns (id), respondent TEXT NOT NULL, "
    "saved_at TEXT NOT NULL, answers TEXT NOT NULL, PRIMARY KEY (campaign, respondent))",
    "CREATE TABLE IF NOT EXISTS campaign_decisions (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    "campaign INTEGER NOT NULL REFERENCES campaigns (id), key TEXT NOT NULL, "
    "fingerprint TEXT NOT NULL, state TEXT NOT NULL, author TEXT, at TEXT NOT NULL, "
    "change_id INTEGER REFERENCES changes (id), proposal TEXT NOT NULL)",
)


def _create_campaign_tables(conn: sqlite3.Connection) -> None:
    """The tables of participatory collection (layout 2): campaigns, links (hashes of
    tokens only), staged answers, decisions."""
    for statement in _CAMPAIGN_TABLES:
        conn.execute(statement)
