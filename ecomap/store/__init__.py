"""Stores: where a map lives. :func:`open_store` picks one from a path or a URI."""

from __future__ import annotations

import os
from pathlib import Path

from ecomap.store.base import Change, ChangeItem, SnapshotInfo, Store

__all__ = ["Change", "ChangeItem", "SnapshotInfo", "Store", "open_store", "DEFAULT_STORE",
           "store_spec", "is_neo4j_uri"]  # fmt: skip

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
