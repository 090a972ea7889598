"""A stored record the code cannot read is named, with its store, field, value and what was
expected, and nothing else is lost; a store written by a newer ecomap is refused.

Each test corrupts the rows of a real SQLite store by hand, as a newer version of
ecomap, a crash or a database tool could leave them.
"""

from __future__ import annotations

import sqlite3

import pytest

from ecomap.cli import main
from ecomap.errors import StoreError, UnreadableRecord
from ecomap.model import Actor, Ecosystem, Relation, Stake
from ecomap.store.sqlite import APPLICATION_ID, SCHEMA_VERSION, SQLiteStore

DAMAGED = (
    "the store was altered or damaged: correct this record with a database tool or restore "
    "the store from a backup copy (nothing was changed)"
)
NEWER = "a newer version of ecomap may have written it: upgrade ecomap to read this store"


def small_map() -> Ecosystem:
    eco = Ecosystem()
    for record in (
        Actor(id="mairie", name="Mairie", kind="institution"),
        Actor(id="asso", name="Asso des Halles", kind="organisation"),
        Actor(id="ana", name="Ana Martin", kind="person"),
        Stake(id="marche", name="Marché couvert"),
        Relation(source="mairie", target="asso", type="cooperates", weight=2),
        Relation(source="ana", target="asso", type="member_of"),
    ):
        eco.add(record)
    return eco


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "map.db"
    with SQLiteStore(path) as store:
        store.import_map(small_map(), source="tests")
    return path


def rows(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()  # noqa: S608
            for table in ("actors", "stakes", "relations", "changes", "snapshots")
        }


def corrupt(path, sql: str, *params) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        assert conn.execute(sql, params).rowcount == 1
    conn.close()
    return rows(path)


def refused(path, capsys) -> str:
    """What loading the store says, checked as the CLI shows it."""
    with SQLiteStore(path) as store, pytest.raises(UnreadableRecord) as error:
        store.load()
    assert main(["export", "--to", str(path.parent / "out.json"), "--store", str(path)]) == 1
    assert capsys.readouterr().err == f"error: {error.value}\n"
    assert not (path.parent / "out.json").exists()
    return str(error.value)


def test_an_unknown_enum_value_names_the_record_and_says_upgrade(path, capsys):
    before = corrupt(
        path,
        "UPDATE relations SET record = replace(record, '\"cooperates\"', '\"cooperative\"') "
        "WHERE type = 'cooperates'",
    )
    message = refused(path, capsys)
    assert message == (
        f"the store {path} holds a record that cannot be read: relation 'mairie → asso', "
        "field 'type' is 'cooperative', expected one of: member_of, part_of, cooperates, "
        f"power, tension, stake, participates, complements, conflicts; {NEWER} "
        "(nothing was changed)"
    )
    assert rows(path) == before


def test_an_unknown_actor_kind(path, capsys):
    corrupt(
        path,
        "UPDATE actors SET record = replace(record, 'organisation', 'cooperative') "
        "WHERE id = 'asso'",
    )
    message = refused(path, capsys)
    assert "actor 'asso', field 'kind' is 'cooperative', expected one of: person, " in message
    assert NEWER in message


def test_truncated_json_names_the_record(path, capsys):
    before = corrupt(path, "UPDATE actors SET record = substr(record, 1, 20) WHERE id = 'ana'")
    message = refused(path, capsys)
    assert message == (
        f"the store {path} holds a record that cannot be read: actor 'ana': its stored text "
        f"is not valid JSON (cut short or altered); {DAMAGED}"
    )
    assert rows(path) == before


def test_a_missing_name_is_not_loaded_as_an_underscore(path, capsys):
    corrupt(path, "UPDATE stakes SET record = '{\"id\":\"marche\"}' WHERE id = 'marche'")
    message = refused(path, capsys)
    assert message == (
        f"the store {path} holds a record that cannot be read: stake 'marche' has no field "
        f"'name': every stake has one; {DAMAGED}"
    )


def test_a_bad_date_names_its_field(path, capsys):
    corrupt(
        path,
        "UPDATE relations SET record = replace(record, '}', ',\"since\":\"2026-13-45\"}') "
        "WHERE type = 'member_of'",
    )
    message = refused(path, capsys)
    assert "relation 'ana → asso', field 'since' is '2026-13-45', expected a date" in message


def test_other_records_are_kept_and_edits_that_miss_the_bad_one_still_work(path):
    corrupt(
        path,
        "UPDATE actors SET record = replace(record, 'organisation', 'cooperative') "
        "WHERE id = 'asso'",
    )
    with SQLiteStore(path) as store:
        # An edit of another record reads only that record: it is saved.
        store.upsert([Actor(id="mairie", name="Mairie de Valbourg", kind="institution")])
        with pytest.raises(UnreadableRecord, match="actor 'asso'"):
            store.load()
        records = {row[0]: row[3] for row in rows(path)["actors"]}
        assert "Mairie de Valbourg" in records["mairie"]
        assert "cooperative" in records["asso"]  # left as it was, for a newer ecomap to read
        # Importing the record again replaces it; the change log keeps what it held.
        store.import_map(small_map(), source="again")
        assert store.load().actors["asso"].kind == "organisation"
    after = rows(path)
    assert len(after["actors"]) == 3 and len(after["relations"]) == 2
    assert len(after["changes"]) == 3 and "cooperative" in after["changes"][-1][5]


def test_a_store_of_a_newer_schema_is_refused_and_left_alone(path, capsys):
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version of ecomap") as error:
        SQLiteStore(path)
    assert "upgrade ecomap" in str(error.value)
    assert main(["validate", "--help"]) == 0
    assert main(["history", "--store", str(path)]) == 1
    assert "upgrade ecomap to open it" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_store_of_ecomap_without_a_version_is_stamped(path):
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 0")
    conn.close()
    with SQLiteStore(path) as store:
        assert store.load() == small_map()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_a_new_store_carries_its_version(tmp_path):
    SQLiteStore(tmp_path / "new.db").close()
    with sqlite3.connect(tmp_path / "new.db") as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_a_relation_cut_short_is_named_by_its_ends(path, capsys):
    corrupt(path, "UPDATE relations SET record = '{\"type\":' WHERE type = 'member_of'")
    message = refused(path, capsys)
    assert "relation 'ana → asso': its stored text is not valid JSON" in message


def test_the_explorer_says_which_record_it_cannot_read(path, monkeypatch):
    from app_helpers import APP, texts
    from streamlit.components.v2 import manifest_scanner
    from streamlit.testing.v1 import AppTest

    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", lambda *a, **k: [])
    monkeypatch.setenv("ECOMAP_STORE", str(path))
    monkeypatch.delenv("ECOMAP_READ_ONLY", raising=False)
    corrupt(
        path,
        "UPDATE actors SET record = replace(record, 'organisation', 'cooperative') "
        "WHERE id = 'asso'",
    )
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    [error] = at.error
    shown = texts(at)
    assert "Impossible d'ouvrir la carte" in shown
    # The explorer speaks French: the library's message is told in its words.
    assert "acteur « asso », champ « kind » vaut « cooperative »" in shown
    assert "mettez ecomap à jour" in shown
