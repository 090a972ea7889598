"""Saved views in the stores: round trip, log, migration of older stores, rights.

SQLite runs on a file in ``tmp_path``; Neo4j through the statement model of
``tests/store/test_neo4j.py`` (its fake driver answers each statement of ``cypher/`` as
the statement says, and refuses anything else).
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest

from ecomap.access import Access, AccessDenied, GuardedStore, Role
from ecomap.model import Actor, Ecosystem, Relation
from ecomap.store.sqlite import SCHEMA_VERSION, SQLiteStore
from ecomap.views.saved import ViewError, new_view, view_record


def _statement_model():
    """tests/store/test_neo4j.py as a module of its own (its fake driver and URI)."""
    path = Path(__file__).resolve().parents[1] / "store" / "test_neo4j.py"
    spec = importlib.util.spec_from_file_location("neo4j_statement_model_for_views", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MODEL = _statement_model()


def small_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (Actor(id="mairie", name="Mairie", kind="institution"),
                   Actor(id="ana", name="Ana Martin", kind="person"),
                   Relation(source="ana", target="mairie", type="member_of")):  # fmt: skip
        eco.add(record)
    return eco


@pytest.fixture(autouse=True)
def no_neo4j_environment(monkeypatch):
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_USERNAME", "NEO4J_PASSWORD",
                 "NEO4J_DATABASE"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(params=["sqlite", "neo4j-model"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = SQLiteStore(tmp_path / "map.db")
    else:
        from ecomap.store.neo4j import Neo4jStore

        s = Neo4jStore(MODEL.URI, password=MODEL.PASSWORD, driver=MODEL.FakeDriver())
    s.import_map(small_map(), source="tests")
    yield s
    s.close()


def test_a_view_comes_back_as_it_was_saved(store):
    view = new_view("COPIL mars", {"level": "meso", "focus": "ana", "overlays": ["fragile"],
                                   "tags": ["marché"]},
                    description="Les fragilités", positions={"ana": (10.0, -5.5)})  # fmt: skip
    change = store.save_view(view, author="ana@agglo.fr")
    assert change.action == "save" and change.author == "ana@agglo.fr"
    ((back, problems),) = store.views_read()
    assert problems == []
    assert back.choices == view.choices and back.positions == {"ana": (10.0, -5.5)}
    assert back.author == back.updated_by == "ana@agglo.fr" and back.order == 1
    assert view_record(back) == {**view_record(view), "author": "ana@agglo.fr",
                                 "updated_by": "ana@agglo.fr", "order": 1}  # fmt: skip
    assert store.view("  copil MARS")[0].id == view.id
    assert store.view("autre") is None


def test_views_are_not_part_of_the_map(store):
    before, revision = store.load(), store.revision
    store.save_view(new_view("COPIL", {}), author="ana")
    assert store.load() == before
    assert store.revision == revision  # no change of the map: caches and undo see none
    assert store.history(None, items=False)[0].action == "import"


def test_every_change_to_the_views_is_logged_with_its_author(store):
    store.save_view(new_view("A", {}), author="ana")
    store.save_view(new_view("B", {}), author="ana")
    store.rename_view("a", "Avant", author="bob")
    store.describe_view("B", "Pour le copil", author="bob")
    store.reorder_views(["B", "Avant"], author="bob")
    store.delete_view("avant", author="cleo")
    assert [v.name for v in store.views()] == ["B"]
    log = store.view_history()
    assert [(c.action, c.author) for c in log] == [
        ("delete", "cleo"), ("reorder", "bob"), ("describe", "bob"), ("rename", "bob"),
        ("save", "ana"), ("save", "ana"),
    ]  # fmt: skip
    assert log[0].summary == "deleted view 'Avant'"
    assert [r["name"] for r in log[0].before] == ["Avant"] and log[0].after == ()
    assert log[3].before[0]["name"] == "A" and log[3].after[0]["name"] == "Avant"
    assert store.view_history(2)[1].action == "reorder"


def test_a_refused_change_writes_nothing(store):
    store.save_view(new_view("A", {}), author="ana")
    with pytest.raises(ViewError, match="already exists"):
        store.save_view(new_view("a", {}), author="bob")
    with pytest.raises(ViewError, match="no view named"):
        store.delete_view("Z", author="bob")
    assert len(store.view_history()) == 1
    assert store.reorder_views(["A"], author="bob") is None  # nothing changed: not logged
    assert len(store.view_history()) == 1


def test_overwriting_keeps_the_views_place_and_author(store):
    store.save_view(new_view("A", {}), author="ana")
    store.save_view(new_view("B", {}), author="ana")
    store.save_view(new_view("a", {"level": "macro"}), overwrite=True, author="bob")
    a, b = store.views()
    assert (a.name, a.order, a.author, a.updated_by) == ("a", 1, "ana", "bob")
    assert a.choices.level.value == "macro" and b.name == "B"


def test_a_viewer_may_read_and_present_but_not_change_views(store):
    store.save_view(new_view("A", {}), author="ana")
    viewer = GuardedStore(store, Access("copil@agglo.fr", Role.VIEWER), "fr")
    assert [v.name for v in viewer.views()] == ["A"]
    for call, args in ((viewer.save_view, (new_view("B", {}),)),
                       (viewer.rename_view, ("A", "C")), (viewer.describe_view, ("A", "x")),
                       (viewer.delete_view, ("A",)), (viewer.reorder_views, (["A"],))):  # fmt: skip
        with pytest.raises(AccessDenied, match="ne peut pas modifier cette carte"):
            call(*args)
    assert [v.name for v in store.views()] == ["A"] and len(store.view_history()) == 1
    editor = GuardedStore(store, Access("bob@agglo.fr", Role.EDITOR), "fr")
    editor.rename_view("A", "B")
    assert store.view_history()[0].author == "bob@agglo.fr"


def test_a_store_of_layout_1_gains_views_without_losing_anything(tmp_path):
    path = tmp_path / "old.db"
    with SQLiteStore(path) as s:
        s.import_map(small_map(), source="tests")
        s.snapshot_create("copil")
    # The file as ecomap wrote it before saved views: no views tables, layout 1.
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE views")
        conn.execute("DROP TABLE view_changes")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    with SQLiteStore(path) as s:
        assert s.load() == small_map() and s.revision == 1
        assert [snap.name for snap in s.snapshot_list()] == ["import-1", "copil"]
        assert s.views() == []
        s.save_view(new_view("A", {}), author="ana")
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    conn.close()
    with SQLiteStore(path) as s:
        assert [v.name for v in s.views()] == ["A"] and s.load() == small_map()


def test_a_backup_keeps_the_views(tmp_path):
    with SQLiteStore(tmp_path / "map.db") as s:
        s.save_view(new_view("A", {"level": "meso"}), author="ana")
        s.backup(tmp_path / "copie.db")
    with SQLiteStore(tmp_path / "copie.db") as copy:
        assert [(v.name, v.choices.level.value) for v in copy.views()] == [("A", "meso")]


def test_a_neo4j_map_of_layout_1_gains_views_and_is_stamped_3():
    from ecomap.store import neo4j as neo4j_module
    from ecomap.store.neo4j import Neo4jStore

    driver = MODEL.FakeDriver()
    old = Neo4jStore(MODEL.URI, password=MODEL.PASSWORD, driver=driver)
    old.import_map(small_map(), source="tests")
    (node,) = [n for n in driver.graph.nodes.values() if "EcomapStore" in n["labels"]]
    node["props"]["schema_version"] = 1  # as ecomap wrote it before saved views
    store = Neo4jStore(MODEL.URI, password=MODEL.PASSWORD, driver=driver)
    assert store.views() == [] and store.load() == small_map()
    store.save_view(new_view("A", {}), author="ana")
    (node,) = [n for n in driver.graph.nodes.values() if "EcomapStore" in n["labels"]]
    assert node["props"]["schema_version"] == neo4j_module.SCHEMA_VERSION == 3
    assert [v.name for v in store.views()] == ["A"] and store.load() == small_map()
    (view_node,) = [n for n in driver.graph.nodes.values() if "EcomapView" in n["labels"]]
    assert view_node["props"]["name"] == "A" and view_node["props"]["position"] == 1


def test_neo4j_receives_view_text_only_as_parameters():
    from ecomap.store.neo4j import Neo4jStore

    driver = MODEL.FakeDriver()
    store = Neo4jStore(MODEL.URI, password=MODEL.PASSWORD, driver=driver)
    store.save_view(new_view(MODEL.HOSTILE, {"tags": [MODEL.HOSTILE]},
                             description=MODEL.HOSTILE), author=MODEL.HOSTILE)  # fmt: skip
    store.rename_view(MODEL.HOSTILE, "B", author="ana")
    for query, _ in driver.log:
        assert MODEL.HOSTILE not in query
    assert any(name == "upsert_views" for name, _, _ in driver.ran)
    assert store.views()[0].name == "B"


def test_renaming_a_view_of_a_newer_version_keeps_what_this_one_cannot_read(tmp_path):
    with SQLiteStore(tmp_path / "map.db") as s:
        s.save_view(new_view("A", {"level": "meso"}), author="ana")
        with sqlite3.connect(tmp_path / "map.db") as conn:
            record = json.loads(conn.execute("SELECT record FROM views").fetchone()[0])
            record["choices"].update(heatmap="on", size_by="age")
            record["theme"] = "sombre"
            conn.execute("UPDATE views SET record = ?", (json.dumps(record),))
        conn.close()
        ((view, problems),) = s.views_read()
        assert view.choices.level.value == "meso" and view.choices.size_by == "degree"
        assert sorted(p.code for p in problems) == ["bad_value", "unknown_choice"]
        s.rename_view("A", "B", author="bob")
        s.describe_view("B", "Pour le copil", author="bob")
        with sqlite3.connect(tmp_path / "map.db") as conn:
            after = json.loads(conn.execute("SELECT record FROM views").fetchone()[0])
        conn.close()
        assert after["choices"] == record["choices"] and after["theme"] == "sombre"
        assert (after["name"], after["description"]) == ("B", "Pour le copil")
        # Saving over it replaces its choices: what it asked for is then this version's.
        s.save_view(new_view("B", {"level": "macro"}), overwrite=True, author="bob")
        ((view, problems),) = s.views_read()
        assert view.choices.level.value == "macro" and problems == []
