"""The ``store`` fixture: every store backend, each test run against each.

The embedded SQLite store always runs (in ``tmp_path``). The Neo4j store runs when
``NEO4J_URI`` is set (with ``NEO4J_USER`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``);
its database is wiped before and after each test.
"""

from __future__ import annotations

import os

import pytest

NEO4J_HOW = (
    "no Neo4j server: set NEO4J_URI (e.g. bolt://localhost:7687), NEO4J_USER and "
    "NEO4J_PASSWORD to run the store contract against a Neo4j 5 server"
)


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "sqlite":
        from ecomap.store.sqlite import SQLiteStore

        s = SQLiteStore(tmp_path / "map.db")
        yield s
        s.close()
        return
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip(NEO4J_HOW)
    from ecomap.store.neo4j import Neo4jStore

    s = Neo4jStore(uri)
    s.wipe()
    yield s
    s.wipe()
    s.close()
