"""Imports, replaces and restores in the embedded SQLite store: what is read and written
inside their one transaction, and the bulk path of an import into an empty store.

Everything the store contract requires is in ``test_contract.py``; this file checks
what only the SQLite store does.
"""

from __future__ import annotations

import sqlite3

import pytest

from ecomap.errors import StoreError
from ecomap.model import Actor, Ecosystem, RecordKind, Relation, Stake
from ecomap.store.sqlite import SQLiteStore

ACTOR, RELATION = RecordKind.ACTOR, RecordKind.RELATION
INDEXES = {"relations_source", "relations_target", "relations_stake"}


def ring(actors: int, step_count: int = 4) -> Ecosystem:
    """Organisations in a ring, each cooperating with its next ``step_count`` neighbours,
    plus a stake and a tension about it, so that every indexed column has values."""
    eco = Ecosystem()
    for i in range(actors):
        eco.add(Actor(id=f"o{i}", name=f"Org {i}", kind="organisation", extra={"n": str(i)}))
    eco.add(Stake(id="market", name="Market"))
    for step in range(1, step_count + 1):
        for i in range(actors):
            eco.add(Relation(source=f"o{i}", target=f"o{(i + step) % actors}", type="cooperates"))
        if step == 1:
            eco.add(
                Relation(id="R1", source="o0", target="o2", type="power", power_type="economic")
            )
    eco.add(Relation(source="o0", target="o1", type="tension", stake="market", weight=2))
    return eco


def indexes(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {name for _, name, *_ in conn.execute("PRAGMA index_list(relations)")} - {
            "sqlite_autoindex_relations_1"
        }


def integrity(path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def written_just_before_the_next_write(store: SQLiteStore, other: SQLiteStore, records) -> None:
    """Make ``other`` (a second connection to the same file) write ``records`` at the last
    moment before ``store``'s next write transaction begins.

    The hook runs when ``store`` starts its ``BEGIN IMMEDIATE``, before that statement
    takes the write lock: whatever ``store`` read earlier, in transactions of its own, is
    then out of date.
    """
    fired = []

    def hook(statement: str) -> None:
        if statement == "BEGIN IMMEDIATE" and not fired:
            fired.append(other.upsert(records, author="other"))

    store._conn.set_trace_callback(hook)


INTRUDERS = [
    Actor(id="intruder", name="Added by another process", kind="person"),
    Relation(source="a", target="intruder", type="cooperates"),
]


def small() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="a", name="A", kind="organisation"),
        Actor(id="b", name="B", kind="organisation"),
        Relation(source="a", target="b", type="cooperates"),
    ):
        eco.add(record)
    return eco


# -- replace and restore read what they replace inside their transaction -------------
def test_a_replace_removes_what_another_process_added_just_before(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store, SQLiteStore(path) as other:
        store.import_map(small(), snapshot=False)
        written_just_before_the_next_write(store, other, INTRUDERS)

        replaced = store.import_map(small(), replace=True, snapshot=False)

        assert store.load() == small()
        assert [c.author for c in store.history()] == [None, "other", None]  # in between
        assert {(i.key, i.operation) for i in replaced.items} == {
            ("intruder", "removed"),
            ('["cooperates", "a", "intruder"]', "removed"),
        }
        # The replace is undoable as the change it really was.
        store._conn.set_trace_callback(None)
        store.undo()
        assert store.load().actors.keys() == {"a", "b", "intruder"}
        assert len(store.load().relations) == 2


def test_a_restore_removes_what_another_process_added_just_before(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store, SQLiteStore(path) as other:
        store.import_map(small(), snapshot=False)
        store.snapshot_create("reference")
        store.upsert([Actor(id="c", name="C", kind="person")])
        written_just_before_the_next_write(store, other, INTRUDERS)

        restore = store.snapshot_restore("reference")

        assert restore.action == "restore"
        assert store.load() == small()
        assert {i.key for i in restore.items} == {
            "c",
            "intruder",
            '["cooperates", "a", "intruder"]',
        }


def test_a_replace_keeps_an_intruder_that_the_map_itself_holds(tmp_path):
    # The other process wrote a record that the replacing map also has, with other
    # values: the replace writes the map's version over it.
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store, SQLiteStore(path) as other:
        store.import_map(small(), snapshot=False)
        written_just_before_the_next_write(
            store, other, [Actor(id="b", name="B, renamed elsewhere", kind="organisation")]
        )
        replaced = store.import_map(small(), replace=True, snapshot=False)
        assert [(i.key, i.operation) for i in replaced.items] == [("b", "changed")]
        assert replaced.items[0].before["name"] == "B, renamed elsewhere"
        assert store.load() == small()


# -- an import into an empty store -----------------------------------------------------
def test_a_large_import_into_an_empty_store_is_whole_indexed_and_undoable(tmp_path):
    path = tmp_path / "map.db"
    eco = ring(1_500)  # 6,002 relations: the indexes are built after the rows
    with SQLiteStore(path) as store:
        change = store.import_map(eco, author="camille")

        assert store.load() == eco
        # In the map's order: relations with an id or a stake are written apart.
        assert list(store.load().relations) == list(eco.relations)
        assert indexes(path) == INDEXES
        assert integrity(path) == "ok"
        # Each item is the record as the exchange format has it, keyed by its identity.
        assert len(change.items) == 1_500 + 1 + len(eco.relations)
        for item in change.items:
            record = eco.records(item.kind)[item.key]
            assert item.before is None
            assert item.after == record.record()
            assert list(item.after) == list(record.record())  # custom fields in order
            assert item.key == (record.key if item.kind is RELATION else record.id)
        # The log, read back, is the same change; and the relations are found by node.
        [logged] = store.history()
        assert logged == change
        assert len(store.dependents(ACTOR, "o0")) == 10  # 8 cooperations, power, tension
        assert {r.type.value for r in store.dependents(RecordKind.STAKE, "market")} == {"tension"}

        assert store.import_map(eco) is None
        assert [s.name for s in store.snapshot_list()] == [f"import-{change.id}"]

        assert store.undo().undoes == change.id
        assert store.load() == Ecosystem()
        assert indexes(path) == INDEXES
        # A second import into the now empty store takes the same path again.
        again = store.import_map(eco, snapshot=False)
        assert again.id > change.id
        assert store.load() == eco
    assert integrity(path) == "ok"


def test_a_large_import_that_fails_leaves_the_store_and_its_indexes_as_they_were(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.upsert([Stake(id="s", name="S")])
        before, log = store.load(), store.history()
        with sqlite3.connect(path) as conn:
            conn.execute(
                "CREATE TRIGGER refuse BEFORE INSERT ON relations WHEN NEW.target = 'o7' "
                "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
            )
        with pytest.raises(StoreError, match="refused for the test"):
            store.import_map(ring(1_500))

        assert store.load() == before
        assert store.history() == log
        assert store.snapshot_list() == []
    assert indexes(path) == INDEXES
    assert integrity(path) == "ok"


def test_a_relation_to_a_missing_node_is_named_by_a_large_import(tmp_path):
    eco = ring(1_500)
    eco.add(Relation(source="o3", target="nobody", type="cooperates"))
    with SQLiteStore(tmp_path / "map.db") as store:
        with pytest.raises(StoreError, match=r"'nobody' \(relation \[\"cooperates\", \"nobody\""):
            store.import_map(eco)
        assert store.load() == Ecosystem()
        assert store.history() == []


def test_an_import_into_an_empty_store_still_keeps_one_id_space(tmp_path):
    eco = small()
    eco.add(Stake(id="a", name="A stake with an actor's id"))
    with SQLiteStore(tmp_path / "map.db") as store:
        with pytest.raises(StoreError, match="'a' is written both as an actor and as a stake"):
            store.import_map(eco)
        assert store.history() == []


def test_change_ids_are_never_reused_even_when_the_newest_is_removed_by_other_means(tmp_path):
    # AUTOINCREMENT semantics: the next change takes an id after every id ever given.
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.upsert([Actor(id="a", name="A", kind="person")])
        second = store.upsert([Actor(id="b", name="B", kind="person")])
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM changes WHERE id = ?", (second.id,))
        third = store.import_map(small(), snapshot=False)
        assert third.id == second.id + 1
        assert store.versions([(ACTOR, "b")]) == {(ACTOR, "b"): third.id}


def test_an_import_into_an_empty_store_logs_what_the_general_path_logs(tmp_path):
    # Into an empty store an import takes a path of its own (nothing to compare); the
    # change it writes and logs is the one `apply`, which compares, writes.
    eco = ring(1_500)
    with SQLiteStore(tmp_path / "fill.db") as filled, SQLiteStore(tmp_path / "apply.db") as applied:
        imported = filled.import_map(eco, snapshot=False)
        records = [r for kind in RecordKind for r in eco.records(kind).values()]
        upserted = applied.apply(records, action="import", summary=imported.summary)

        assert imported.items == upserted.items
        [logged_fill], [logged_apply] = filled.history(), applied.history()
        assert logged_fill.items == logged_apply.items == imported.items
        assert (logged_fill.id, logged_fill.action) == (logged_apply.id, logged_apply.action)
        assert list(filled.load().relations) == list(applied.load().relations)
        assert filled.versions([(ACTOR, "o1"), (RELATION, "id:R1")]) == {
            (ACTOR, "o1"): imported.id,
            (RELATION, "id:R1"): imported.id,
        }


def test_new_relations_keep_the_map_order_in_a_store_that_has_some_already(tmp_path):
    eco = ring(300)
    with SQLiteStore(tmp_path / "map.db") as store:
        store.upsert([Actor(id="o0", name="Org 0", kind="organisation", extra={"n": "0"})])
        store.import_map(eco, snapshot=False)
        assert list(store.load().relations) == list(eco.relations)
        assert store.import_map(eco) is None
