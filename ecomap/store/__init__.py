"""Stores: where a map lives. :func:`open_store` picks one from a path or a URI."""

from __future__ import annotations

import os
from pathlib import Path

from ecomap.errors import StoreError, StoreUnavailable
from ecomap.store.base import Change, ChangeItem, SnapshotInfo, Store

__all__ = ["Change", "ChangeItem", "SnapshotInfo", "Store", "open_store", "DEFAULT_STORE",
           "store_spec", "is_neo4j_uri", "backup_store", "NEO4J_BACKUP"]  # fmt: skip

#: The embedded store used when neither ``--store`` nor ``ECOMAP_STORE`` says otherwise.
DEFAULT_STORE = "ecomap.db"
_NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def is_neo4j_uri(spec: str) -> bool:
    return spec.lower().startswith(_NEO4J_SCHEMES)


def store_spec(spec: str | None = None) -> str:
    """The store to use: ``spec``, else ``$ECOMAP_STORE``, else :data:`DEFAULT_STORE`."""
    return spec or os.environ.get("ECOMAP_STORE") or DEFAULT_STORE


def open_store(spec: str | None = None, **options) -> Store:
    """Open the store named by ``spec`` (see :func:`store_spec`).

    A ``neo4j://``, ``neo4j+s://`` or ``bolt://`` URI opens the Neo4j store, with
    credentials from the environment (``NEO4J_USER``, ``NEO4J_PASSWORD``,
    ``NEO4J_DATABASE``) or ``options``; anything else is the path of an embedded
    SQLite file (``:memory:`` for a throwaway one).
    """
    spec = store_spec(spec)
    if is_neo4j_uri(spec):
        from ecomap.store.neo4j import Neo4jStore

        return Neo4jStore(spec, **options)
    from ecomap.store.sqlite import SQLiteStore

    return SQLiteStore(spec if spec == ":memory:" else Path(spec), **options)


#: What to use to back up a map kept on a Neo4j server: the server's own tools, which
#: copy the database consistently while it runs, with its users and indexes.
NEO4J_BACKUP = (
    "ecomap backup copies the embedded store only: back up a map on a Neo4j server with "
    "the server's own tools, 'neo4j-admin database dump' (database stopped), "
    "'neo4j-admin database backup' (online, Enterprise Edition) or Neo4j Aura's "
    "snapshots; 'ecomap export --store URI --to carte.json' keeps a copy of the map "
    "itself, which 'ecomap import carte.json --replace --store URI' brings back (without "
    "the change log)"
)


def backup_store(spec: str | None, target: Path | str, *, overwrite: bool = False) -> Path:
    """Write a consistent copy of the embedded store ``spec`` to ``target``, while in use.

    See :meth:`ecomap.store.sqlite.SQLiteStore.backup`. A store that does not exist
    is not created to be copied.

    Raises
    ------
    StoreError
        For a Neo4j store (:data:`NEO4J_BACKUP` says what to use), or when the copy
        cannot be written.
    StoreUnavailable
        When there is no store at ``spec``.
    """
    spec = store_spec(spec)
    if is_neo4j_uri(spec):
        raise StoreError(NEO4J_BACKUP)
    from ecomap.store.sqlite import SQLiteStore

    if spec != ":memory:" and not Path(spec).is_file():
        raise StoreUnavailable(
            f"there is no store at {spec} to back up: give its path with --store (or ECOMAP_STORE)"
        )
    with SQLiteStore(spec) as store:
        return store.backup(target, overwrite=overwrite)
